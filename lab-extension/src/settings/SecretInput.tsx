/**
 * The Settings Editor's input for a secret (the secret access key, a session token, the credentials
 * URL's Authorization): shown as dots, like a password, unless the user asks to see it, so that a shared
 * or recorded screen does not give the key away.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import type { WidgetProps } from '@rjsf/utils';
import React, { useState } from 'react';

/** A form widget (rjsf) for a secret string setting, with a Show/Hide toggle. */
export function secretInput(trans: TranslationBundle): React.FC<WidgetProps> {
  return function SecretInput(props: WidgetProps) {
    const [shown, setShown] = useState(false);
    const { id, value, disabled, readonly, onChange, onBlur, onFocus } = props;
    return (
      <div className="jp-bookstore-secret">
        <input
          id={id}
          name={id}
          className="form-control"
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled || readonly}
          onChange={event => onChange(event.target.value)}
          onBlur={event => onBlur(id, event.target.value)}
          onFocus={event => onFocus(id, event.target.value)}
        />
        <Button minimal small type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? trans.__('Hide') : trans.__('Show')}
        </Button>
      </div>
    );
  };
}
