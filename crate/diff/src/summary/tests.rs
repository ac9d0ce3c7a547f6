use super::*;
use crate::{diff_texts, parse, Options};

fn notebook(cells: &str) -> String {
    format!(r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{cells}]}}"#)
}

fn summary(a: &str, b: &str, options: Options) -> Summary {
    summarize(&parse(a, "first").unwrap(), &diff_texts(a, b, options).unwrap())
}

#[test]
fn a_changed_word_an_added_and_a_removed_cell() {
    let a = notebook(
        r#"{"id": "a", "cell_type": "code", "source": ["x = 1\n", "print(x)"], "metadata": {}, "outputs": [], "execution_count": 1},
           {"id": "b", "cell_type": "markdown", "source": "A paragraph that goes away", "metadata": {}}"#,
    );
    let b = notebook(
        r#"{"id": "a", "cell_type": "code", "source": ["x = 1\n", "print(y)"], "metadata": {}, "outputs": [], "execution_count": 2},
           {"id": "c", "cell_type": "markdown", "source": "Something else entirely, new", "metadata": {}}"#,
    );
    let found = summary(&a, &b, Options::default());
    let statuses: Vec<_> = found.cells.iter().map(|c| (c.status, c.base, c.remote)).collect();
    assert_eq!(
        statuses,
        vec![
            (CellStatus::Changed, Some(0), Some(0)),
            // nbdime puts an insertion before the removal at the same place.
            (CellStatus::Added, None, Some(1)),
            (CellStatus::Removed, Some(1), None)
        ]
    );
    let cell = &found.cells[0];
    assert_eq!(cell.changed_lines(), vec![('-', "print(x)".to_owned()), ('+', "print(y)".to_owned())]);
    // The unchanged line stays as context; inside the edited line only the changed letter is marked.
    assert_eq!(cell.lines[0], Line { kind: LineKind::Same, segments: vec![("x = 1".to_owned(), false)] });
    let marked = |line: &Line| line.segments.iter().filter(|(_, c)| *c).map(|(t, _)| t.clone()).collect::<Vec<_>>();
    assert_eq!((marked(&cell.lines[1]), marked(&cell.lines[2])), (vec!["x".to_owned()], vec!["y".to_owned()]));
    assert!(cell.execution_count && !cell.outputs);
    let ignoring = summary(&a, &b, Options { ignore_execution_counts: true, ..Options::default() });
    assert!(!ignoring.cells[0].execution_count);
}

#[test]
fn unchanged_cells_keep_their_places_and_outputs_and_metadata_show() {
    let cell = |id: &str, source: &str, outputs: &str, tags: &str| {
        format!(
            r#"{{"id": "{id}", "cell_type": "code", "source": "{source}", "metadata": {{"tags": [{tags}]}}, "outputs": [{outputs}], "execution_count": null}}"#
        )
    };
    let out = |text: &str| format!(r#"{{"output_type": "stream", "name": "stdout", "text": "{text}"}}"#);
    let a =
        notebook(&[cell("a", "one", "", ""), cell("b", "two", &out("2"), ""), cell("c", "three", "", "")].join(","));
    let b = notebook(
        &[cell("a", "one", "", ""), cell("b", "two", &out("3"), "\"x\""), cell("c", "three", "", "")].join(","),
    );
    let found = summary(&a, &b, Options::default());
    let statuses: Vec<_> = found.cells.iter().map(|c| (c.status, c.base, c.remote)).collect();
    assert_eq!(
        statuses,
        vec![
            (CellStatus::Unchanged, Some(0), Some(0)),
            (CellStatus::Changed, Some(1), Some(1)),
            (CellStatus::Unchanged, Some(2), Some(2))
        ]
    );
    assert!(found.cells[1].outputs && found.cells[1].changed_lines().is_empty());
    assert_eq!(found.cells[1].metadata, vec!["tags".to_owned()]);
    assert_eq!(found.changed().count(), 1);
    let ignoring = summary(&a, &b, Options { ignore_outputs: true, ..Options::default() });
    assert!(!ignoring.cells[1].outputs);
    let json = found.to_json();
    assert_eq!(json["cells"][1]["status"], "changed");
    assert_eq!(json["cells"][1]["lines"][0]["segments"][0], serde_json::json!(["two", false]));
}
