/**
 * The Settings Editor's input for a secret (the secret access key, a session token, the credentials
 * URL's Authorization): shown as dots, like a password, unless the user asks to see it, so that a shared
 * or recorded screen does not give the key away.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import type { FieldProps } from '@rjsf/utils';
import React, { useState } from 'react';

/**
 * A form field (rjsf) for a secret string setting, with a Show/Hide toggle. JupyterLab's Settings Editor
 * uses field renderers (not widget renderers); its field template still draws the title and description.
 */
export function secretField(trans: TranslationBundle): React.FC<FieldProps> {
  return function SecretField(props: FieldProps) {
    const [shown, setShown] = useState(false);
    const id = props.idSchema.$id;
    const { formData, disabled, readonly, onChange } = props;
    return (
      <div className="jp-bookstore-secret">
        <input
          id={id}
          name={id}
          className="form-control"
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          aria-label={typeof props.schema.title === 'string' ? props.schema.title : props.name}
          value={typeof formData === 'string' ? formData : ''}
          disabled={disabled || readonly}
          onChange={event => onChange(event.target.value)}
        />
        <Button minimal small type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? trans.__('Hide') : trans.__('Show')}
        </Button>
      </div>
    );
  };
}
