//! The Python module `bookstore_s3._native` (built with maturin, feature `python`): the same client as
//! the browser's and the command's, for scheduler code and papermill (`crate/python/bookstore_s3`).
//!
//! The boundary is thin on purpose: results cross as JSON (the crate's serde types, camelCase) and
//! bytes; the Python package turns them into its own types. Failures raise
//! `bookstore_s3.BookstoreError(code, message)`, with the browser's error codes.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::Serialize;

use crate::environment::Location;
use crate::{Bookstore, Error, ObjectContent, RunSource, Scope};

/// One bucket's notebooks: built from the environment as the `bookstore` command is, with overrides.
#[pyclass(frozen)]
struct Client {
    store: Bookstore,
    runtime: tokio::runtime::Runtime,
}

/// Raises `bookstore_s3.BookstoreError` with a code and the sentence that says what to do.
fn raise(py: Python<'_>, code: &str, message: String) -> PyErr {
    match py.import("bookstore_s3._errors").and_then(|module| module.getattr("BookstoreError")) {
        Ok(class) => match class.call1((code, message)) {
            Ok(error) => PyErr::from_value(error),
            Err(error) => error,
        },
        Err(error) => error,
    }
}

fn failed(py: Python<'_>, error: Error) -> PyErr {
    raise(py, error.code().as_str(), error.message())
}

fn scope(published: bool) -> Scope {
    if published {
        Scope::Published
    } else {
        Scope::Workspace
    }
}

fn json(py: Python<'_>, value: &impl Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| raise(py, "Failed", e.to_string()))
}

/// The bytes read and the version they are (none when the bucket keeps no versions).
fn content(py: Python<'_>, content: ObjectContent) -> (Bound<'_, PyBytes>, Option<String>) {
    (PyBytes::new(py, &content.bytes), content.meta.version_id)
}

impl Client {
    /// Runs `operation` to its end without holding the GIL (other Python threads go on meanwhile).
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        operation: impl std::future::Future<Output = crate::Result<T>> + Send,
    ) -> PyResult<T> {
        py.detach(|| self.runtime.block_on(operation)).map_err(|error| failed(py, error))
    }
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (bucket=None, endpoint=None, region=None, workspace_prefix=None, published_prefix=None, path_style=None, user=None, profile=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        bucket: Option<String>,
        endpoint: Option<String>,
        region: Option<String>,
        workspace_prefix: Option<String>,
        published_prefix: Option<String>,
        path_style: Option<bool>,
        user: Option<String>,
        profile: Option<String>,
    ) -> PyResult<Self> {
        let mut location = Location::from_environment();
        let set = |field: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *field = value;
            }
        };
        set(&mut location.bucket, bucket);
        set(&mut location.endpoint, endpoint);
        set(&mut location.region, region);
        set(&mut location.workspace_prefix, workspace_prefix);
        set(&mut location.published_prefix, published_prefix);
        set(&mut location.user, user);
        set(&mut location.profile, profile);
        location.path_style = path_style.unwrap_or(location.path_style);
        let settings = location.settings().map_err(|message| raise(py, "BadInput", message))?;
        let store = Bookstore::new(&settings).map_err(|error| failed(py, error))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| raise(py, "Failed", e.to_string()))?;
        Ok(Client { store, runtime })
    }

    /// The bucket.
    #[getter]
    fn bucket(&self) -> String {
        self.store.config().bucket().to_owned()
    }

    /// The S3 key of `path` under the workspace (or published) prefix.
    fn key_for(&self, py: Python<'_>, path: &str, published: bool) -> PyResult<String> {
        self.store.key_for(scope(published), path).map_err(|error| failed(py, error))
    }

    /// Every version of `path`, newest first, as JSON.
    fn versions(&self, py: Python<'_>, path: &str, published: bool) -> PyResult<String> {
        let list = self.run(py, self.store.list_versions(path, scope(published)))?;
        json(py, &list.versions)
    }

    /// The bytes of `path` (that version, or the latest) and the version they are.
    #[pyo3(signature = (path, version_id=None, published=false))]
    fn read<'py>(
        &self,
        py: Python<'py>,
        path: &str,
        version_id: Option<&str>,
        published: bool,
    ) -> PyResult<(Bound<'py, PyBytes>, Option<String>)> {
        Ok(content(py, self.run(py, self.store.get_version(path, scope(published), version_id))?))
    }

    /// The bytes of any key of any bucket the credentials can read, and the version they are.
    #[pyo3(signature = (bucket, key, version_id=None))]
    fn read_object<'py>(
        &self,
        py: Python<'py>,
        bucket: &str,
        key: &str,
        version_id: Option<&str>,
    ) -> PyResult<(Bound<'py, PyBytes>, Option<String>)> {
        Ok(content(py, self.run(py, self.store.get_object(bucket, key, version_id))?))
    }

    /// Stores `content` as a version of `path` (none when unchanged); the stored version as JSON.
    fn archive(&self, py: Python<'_>, path: &str, content: Vec<u8>, published: bool) -> PyResult<String> {
        let stored = if published {
            self.run(py, self.store.publish(path, content))?
        } else {
            self.run(py, self.store.archive(path, content))?
        };
        json(py, &stored)
    }

    /// Stores `content` as the version a scheduled run wrote at `path`; `source` is the bucket, key and
    /// version id of the notebook that ran, and its parameters as JSON.
    fn archive_run(
        &self,
        py: Python<'_>,
        path: &str,
        content: Vec<u8>,
        source: (String, String, String, String),
    ) -> PyResult<String> {
        let (bucket, key, version_id, parameters) = source;
        let source = RunSource { bucket, key, version_id, parameters };
        let stored = self.run(py, self.store.archive_run(path, content, &source))?;
        json(py, &stored)
    }

    /// The notebooks under the published prefix, as JSON.
    fn published(&self, py: Python<'_>) -> PyResult<String> {
        let found = self.run(py, self.store.list_published(None))?;
        json(py, &found)
    }

    /// Names version `version_id` of `path` (an empty name takes its name away).
    fn name_version(&self, py: Python<'_>, path: &str, version_id: &str, name: &str) -> PyResult<()> {
        self.run(py, self.store.name_version(path, version_id, name))
    }

    /// The names of the versions of `path`, as JSON.
    fn names(&self, py: Python<'_>, path: &str) -> PyResult<String> {
        let names = self.run(py, self.store.names(path))?;
        json(py, &names)
    }

    /// The scheduled runs recorded for `path`, as JSON.
    fn runs(&self, py: Python<'_>, path: &str) -> PyResult<String> {
        let runs = self.run(py, self.store.runs(path))?;
        json(py, &runs)
    }
}

/// Diffs notebook text `base` into `remote` (nbdime's diff format, as JSON text); needs no bucket.
#[pyfunction]
#[pyo3(signature = (base, remote, ignore_outputs=false, ignore_metadata=false, ignore_execution_counts=false))]
fn diff_notebooks(
    py: Python<'_>,
    base: &str,
    remote: &str,
    ignore_outputs: bool,
    ignore_metadata: bool,
    ignore_execution_counts: bool,
) -> PyResult<String> {
    let options = bookstore_diff::Options { ignore_outputs, ignore_metadata, ignore_execution_counts };
    let diff = bookstore_diff::diff_texts(base, remote, options).map_err(|e| raise(py, e.code(), e.to_string()))?;
    Ok(bookstore_diff::to_json(&diff).to_string())
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Client>()?;
    module.add_function(wrap_pyfunction!(diff_notebooks, module)?)
}
