//! Reads an XML document into a small element tree with quick-xml's event reader.
//!
//! S3's responses are small and shallow; reading them through quick-xml's serde support instead
//! monomorphized a deserializer per response type and cost about a quarter of the wasm's code.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::Reader;

/// One element: its local name (namespace prefix dropped), its text with entities resolved, and its
/// child elements in document order.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child element named `name`.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// S3's responses nest four levels at most (ListVersionsResult > Version > Owner > ID).
const MAX_DEPTH: usize = 16;

/// Reads a whole document and returns its root element; the error says what is wrong.
///
/// DTD entities are never expanded (an unknown `&name;` is an error), so "billion laughs" bodies fail
/// at once.
pub(crate) fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<Element> = Vec::new();
    // Elements nested deeper than any S3 response are read past, not kept: a tree 100,000 levels deep
    // would overflow the stack when dropped.
    let mut skipped = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        if skipped > 0 || (open.len() >= MAX_DEPTH && matches!(event, Event::Start(_) | Event::Empty(_))) {
            match event {
                Event::Start(_) => skipped += 1,
                Event::End(_) => skipped -= 1,
                Event::Eof => return Err("the document ends before its root element does".to_owned()),
                _ => {}
            }
            continue;
        }
        let closed = match event {
            Event::Start(e) => {
                open.push(Element { name: decode(e.local_name().as_ref())?, ..Default::default() });
                None
            }
            Event::Empty(e) => Some(Element { name: decode(e.local_name().as_ref())?, ..Default::default() }),
            // quick-xml checks that end tags match their start tags.
            Event::End(_) => open.pop(),
            Event::Text(e) => {
                add_text(&mut open, &e.decode().map_err(|e| e.to_string())?);
                None
            }
            Event::CData(e) => {
                add_text(&mut open, &e.decode().map_err(|e| e.to_string())?);
                None
            }
            Event::GeneralRef(e) => {
                let name = e.decode().map_err(|e| e.to_string())?;
                match e.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => add_text(&mut open, c.encode_utf8(&mut [0; 4])),
                    None => add_text(
                        &mut open,
                        resolve_predefined_entity(&name).ok_or_else(|| format!("unknown entity &{name};"))?,
                    ),
                }
                None
            }
            Event::Eof => return Err("the document ends before its root element does".to_owned()),
            // The declaration, comments, processing instructions and DOCTYPE carry no data.
            _ => None,
        };
        if let Some(element) = closed {
            match open.last_mut() {
                Some(parent) => parent.children.push(element),
                None => return Ok(element),
            }
        }
    }
}

fn decode(name: &[u8]) -> Result<String, String> {
    std::str::from_utf8(name).map(str::to_owned).map_err(|_| "an element name is not UTF-8".to_owned())
}

/// Text outside the root element (whitespace) is dropped.
fn add_text(open: &mut [Element], text: &str) {
    if let Some(element) = open.last_mut() {
        element.text.push_str(text);
    }
}
