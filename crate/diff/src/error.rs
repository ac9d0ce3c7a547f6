//! Why a diff could not be made, with what to do about it.

use std::fmt;

/// A notebook that cannot be diffed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    /// The file is not JSON.
    NotJson {
        /// Which of the two ("first", "second").
        which: String,
        /// The parser's message.
        detail: String,
    },
    /// JSON, but not an nbformat 4 notebook.
    NotNotebook {
        /// Which of the two ("first", "second").
        which: String,
        /// Its `nbformat`, if it has one.
        version: Option<u64>,
    },
}

impl DiffError {
    /// A stable code for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            DiffError::NotJson { .. } => "diff-not-json",
            DiffError::NotNotebook { .. } => "diff-not-notebook",
        }
    }
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::NotJson { which, detail } => write!(
                f,
                "The {which} file is not a notebook: it is not JSON ({detail}). Compare .ipynb files or versions of one."
            ),
            DiffError::NotNotebook { which, version: Some(version) } => write!(
                f,
                "The {which} notebook is in format {version}; only format 4 can be compared. Open it in JupyterLab and save it to convert it."
            ),
            DiffError::NotNotebook { which, version: None } => write!(
                f,
                "The {which} file is JSON but not a notebook (it has no nbformat and cells). Compare .ipynb files or versions of one."
            ),
        }
    }
}

impl std::error::Error for DiffError {}
