//! The JavaScript API: the only `#[wasm_bindgen]` exports of the crate.
//!
//! Every value crosses as a plain JS object whose TypeScript type is generated from the Rust type
//! (tsify), so the TypeScript side sees `Promise<VersionList>`, never `any`. Every failure is thrown or
//! rejected as a `BookstoreError`: an `Error` with a `code` (see `ErrorCode`), the `reason` and
//! `fields` the extension turns into a translated sentence (no English is compiled into the wasm),
//! and, when S3 answered, `status`, `s3Code`, `s3Message` and `requestId`.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::error::{Fields, Flaw};
use crate::{keys, Bookstore as Core, Error, Result, Scope, Settings};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A version's bytes, exactly as saved, and its metadata. */
export interface VersionContent {
  meta: ObjectMeta;
  bytes: Uint8Array;
}

/**
 * Why something failed, as data: `reason` names a sentence (crate/src/error/catalog.json lists them
 * all, in English) and `fields` hold what it names.
 */
export interface ErrorReason {
  /** Stable identifier of the failure. */
  code: ErrorCode;
  /** The sentence to show, such as "noSuchKey". */
  reason: string;
  /** The sentence's named values (paths already quoted). */
  fields: Record<string, string | number>;
}

/** A problem found by `checkBucket`. */
export type Problem = ErrorReason;

/** What every failed call throws or rejects with; `message` is only the reason's identifier. */
export interface BookstoreError extends Error, ErrorReason {
  name: "BookstoreError";
  /** HTTP status, when S3 answered. */
  status?: number;
  /** S3's own error code, such as "SignatureDoesNotMatch". */
  s3Code?: string;
  /** S3's own message, in English. */
  s3Message?: string;
  /** S3's request id, for support. */
  requestId?: string;
}
"#;

/// A client for one bucket, built from the extension's settings.
#[wasm_bindgen(js_name = Bookstore)]
pub struct JsBookstore {
    inner: Rc<Core>,
}

#[wasm_bindgen(js_class = Bookstore)]
impl JsBookstore {
    /// Validates the settings; throws a `BookstoreError` with code `InvalidConfig` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Settings")] settings: JsValue) -> Result<JsBookstore, JsValue> {
        let settings = read_settings(&settings).map_err(|e| to_js_error(&e))?;
        let inner = Core::new(&settings).map_err(|e| to_js_error(&e))?;
        Ok(Self { inner: Rc::new(inner) })
    }

    /// Stores `bytes` as a new version of `{workspacePrefix}/{path}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<StoredVersion>")]
    pub fn archive(&self, path: String, bytes: Uint8Array) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.archive(&path, bytes).await })
    }

    /// Stores `bytes` as a new version of `{publishedPrefix}/{path}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<StoredVersion>")]
    pub fn publish(&self, path: String, bytes: Uint8Array) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.publish(&path, bytes).await })
    }

    /// Every version of exactly that notebook, newest first.
    #[wasm_bindgen(js_name = listVersions, unchecked_return_type = "Promise<VersionList>")]
    pub fn list_versions(
        &self,
        path: String,
        #[wasm_bindgen(unchecked_param_type = "Scope")] scope: JsValue,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.list_versions(&path, parse_scope(scope)?).await })
    }

    /// One page of that history (at most `maxKeys` entries), after the version `after`; the result's
    /// `next` continues it.
    #[wasm_bindgen(js_name = listVersionsPage, unchecked_return_type = "Promise<VersionList>")]
    pub fn list_versions_page(
        &self,
        path: String,
        #[wasm_bindgen(unchecked_param_type = "Scope")] scope: JsValue,
        after: Option<String>,
        #[wasm_bindgen(js_name = maxKeys)] max_keys: Option<u32>,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.list_versions_page(&path, parse_scope(scope)?, after.as_deref(), max_keys).await })
    }

    /// The bytes of a version of the notebook (the latest when `versionId` is omitted).
    #[wasm_bindgen(js_name = getVersion, unchecked_return_type = "Promise<VersionContent>")]
    pub fn get_version(
        &self,
        path: String,
        #[wasm_bindgen(unchecked_param_type = "Scope")] scope: JsValue,
        #[wasm_bindgen(js_name = versionId)] version_id: Option<String>,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        spawn(Box::pin(async move {
            let result = async { store.get_version(&path, parse_scope(scope)?, version_id.as_deref()).await }.await;
            result.map_err(|e| to_js_error(&e)).and_then(|content| content_to_js(&content))
        }))
    }

    /// The bytes of any bucket and key the credentials can read (clone links).
    #[wasm_bindgen(js_name = getObject, unchecked_return_type = "Promise<VersionContent>")]
    pub fn get_object(
        &self,
        bucket: String,
        key: String,
        #[wasm_bindgen(js_name = versionId)] version_id: Option<String>,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        spawn(Box::pin(async move {
            let result = store.get_object(&bucket, &key, version_id.as_deref()).await;
            result.map_err(|e| to_js_error(&e)).and_then(|content| content_to_js(&content))
        }))
    }

    /// The notebooks published under the published prefix, or under one folder of it.
    #[wasm_bindgen(js_name = listPublished, unchecked_return_type = "Promise<PublishedEntry[]>")]
    pub fn list_published(&self, folder: Option<String>) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.list_published(folder.as_deref()).await })
    }

    /// Records that the notebook at `from` is now at `to`, so that its history follows it.
    #[wasm_bindgen(js_name = recordRename, unchecked_return_type = "Promise<void>")]
    pub fn record_rename(&self, from: String, to: String) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.record_rename(&from, &to).await })
    }

    /// The renames that led to the notebook at `path`, newest first.
    #[wasm_bindgen(unchecked_return_type = "Promise<Rename[]>")]
    pub fn renames(&self, path: String) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.renames(&path).await })
    }

    /// Records that version `versionId` of the notebook at `path` restored its version `fromVersionId`.
    #[wasm_bindgen(js_name = recordRestore, unchecked_return_type = "Promise<void>")]
    pub fn record_restore(
        &self,
        path: String,
        #[wasm_bindgen(js_name = versionId)] version_id: String,
        #[wasm_bindgen(js_name = fromVersionId)] from_version_id: String,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.record_restore(&path, &version_id, &from_version_id).await })
    }

    /// The restores recorded for the notebook at `path`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Restore[]>")]
    pub fn restores(&self, path: String) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.restores(&path).await })
    }

    /// Names version `versionId` of the notebook at `path` ("sent to reviewers"); an empty name removes it.
    #[wasm_bindgen(js_name = nameVersion, unchecked_return_type = "Promise<void>")]
    pub fn name_version(
        &self,
        path: String,
        #[wasm_bindgen(js_name = versionId)] version_id: String,
        name: String,
    ) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.name_version(&path, &version_id, &name).await })
    }

    /// The names of the versions of the notebook at `path`.
    #[wasm_bindgen(unchecked_return_type = "Promise<VersionName[]>")]
    pub fn names(&self, path: String) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.names(&path).await })
    }

    /// The scheduled runs (papermill) recorded for the notebook at `path`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Run[]>")]
    pub fn runs(&self, path: String) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { store.runs(&path).await })
    }

    /// Whether versions can be kept: reachability, credentials, versioning; never rejects.
    #[wasm_bindgen(js_name = checkBucket, unchecked_return_type = "Promise<BucketReport>")]
    pub fn check_bucket(&self) -> Promise {
        let store = Rc::clone(&self.inner);
        run(async move { Ok(store.check_bucket().await) })
    }

    /// The S3 key a notebook path maps to in a scope; throws `InvalidPath` for unsafe paths.
    #[wasm_bindgen(js_name = keyFor)]
    pub fn key_for(
        &self,
        path: String,
        #[wasm_bindgen(unchecked_param_type = "Scope")] scope: JsValue,
    ) -> Result<String, JsValue> {
        parse_scope(scope).and_then(|scope| self.inner.key_for(scope, &path)).map_err(|e| to_js_error(&e))
    }

    /// The bucket this client writes to.
    #[wasm_bindgen(getter)]
    pub fn bucket(&self) -> String {
        self.inner.config().bucket().to_owned()
    }
}

/// Reads a clone link `s3://bucket/key[?versionId=id]`; throws `InvalidPath` when it is not one.
#[wasm_bindgen(js_name = parseS3Uri, unchecked_return_type = "S3Location")]
pub fn parse_s3_uri(uri: &str) -> Result<JsValue, JsValue> {
    keys::parse_s3_uri(uri).map_err(|e| to_js_error(&e.into())).and_then(|loc| to_js(&loc))
}

/// Reads the `Settings` object field by field. A generic deserializer (serde-wasm-bindgen) did the
/// same for 13 KB more of gzipped wasm (glue included). Absent and `null` fields take their defaults.
fn read_settings(js: &JsValue) -> Result<Settings> {
    if !js.is_object() {
        return Err(Error::invalid_config("settings", Flaw::NotObject));
    }
    let field = |name: &str| Reflect::get(js, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let text = |name: &'static str| match field(name) {
        None => Ok(String::new()),
        Some(value) => value.as_string().ok_or_else(|| Error::invalid_config(name, Flaw::NotText)),
    };
    let whole = |name: &'static str, flaw: Flaw| match field(name) {
        None => Ok(0),
        Some(value) => value
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
            .ok_or_else(|| Error::invalid_config(name, flaw)),
    };
    let flag = |name: &'static str| match field(name) {
        None => Ok(false),
        Some(value) => value.as_bool().ok_or_else(|| Error::invalid_config(name, Flaw::NotBoolean)),
    };
    Ok(Settings {
        endpoint: text("endpoint")?,
        region: text("region")?,
        bucket: text("bucket")?,
        path_style: flag("pathStyle")?,
        workspace_prefix: text("workspacePrefix")?,
        published_prefix: text("publishedPrefix")?,
        user: text("user")?,
        access_key_id: text("accessKeyId")?,
        secret_access_key: text("secretAccessKey")?,
        session_token: text("sessionToken")?,
        credentials_url: text("credentialsUrl")?,
        credentials_authorization: text("credentialsAuthorization")?,
        role_arn: text("roleArn")?,
        web_identity_token_url: text("webIdentityTokenUrl")?,
        sts_endpoint: text("stsEndpoint")?,
        max_notebook_megabytes: whole("maxNotebookMegabytes", Flaw::NotWholeMebibytes)?,
        request_timeout_seconds: whole("requestTimeoutSeconds", Flaw::NotWholeSeconds)?,
        tag_versions: flag("tagVersions")?,
    })
}

fn parse_scope(scope: JsValue) -> Result<Scope> {
    match scope.as_string().as_deref() {
        Some("workspace") => Ok(Scope::Workspace),
        Some("published") => Ok(Scope::Published),
        _ => Err(Error::invalid_config("scope", Flaw::UnknownScope)),
    }
}

/// Runs `future` as a Promise of its serialized result.
fn run<T: Serialize>(future: impl Future<Output = Result<T>> + 'static) -> Promise {
    spawn(Box::pin(async move {
        match future.await {
            Ok(value) => to_js(&value),
            Err(error) => Err(to_js_error(&error)),
        }
    }))
}

/// One Promise adapter for every method: boxed, the futures share it instead of each getting a copy.
fn spawn(future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    future_to_promise(future)
}

/// Plain objects, arrays and strings, as JSON would give them (no `Map`s).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(&Error::invalid_response(&e.to_string())))
}

fn content_to_js(content: &crate::ObjectContent) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"meta".into(), &to_js(&content.meta)?)?;
    Reflect::set(&object, &"bytes".into(), &Uint8Array::from(content.bytes.as_ref()))?;
    Ok(object.into())
}

/// The one place a crate error becomes a JS `Error` (see `BookstoreError` above).
fn to_js_error(error: &Error) -> JsValue {
    let (reason, fields) = error.parts();
    let js = js_sys::Error::new(reason);
    js.set_name("BookstoreError");
    let set = |name: &str, value: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&js, &name.into(), &value);
    };
    set("code", error.code().as_str().into());
    set("reason", reason.into());
    set(
        "fields",
        // `to_js` reports its own failure as an error, which would recurse here: an empty object instead.
        to_js(&Fields(&fields)).unwrap_or_else(|_| Object::new().into()),
    );
    if let Some(s3) = error.s3() {
        set("status", s3.status.into());
        if !s3.code.is_empty() {
            set("s3Code", s3.code.as_str().into());
        }
        if !s3.message.is_empty() {
            set("s3Message", s3.message.as_str().into());
        }
        if let Some(id) = &s3.request_id {
            set("requestId", id.as_str().into());
        }
    }
    js.into()
}
