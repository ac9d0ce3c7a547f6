//! Limits on what a response may cost, in bytes and in time, against a tiny HTTP server on 127.0.0.1
//! (native only: a browser test cannot open a listening socket).

use super::*;
use crate::config::Settings;

/// One canned HTTP response on 127.0.0.1, from a thread; `written` gives how many body bytes the
/// server managed to send before the client hung up.
struct OneResponse {
    endpoint: String,
    written: std::thread::JoinHandle<usize>,
}

/// Accepts one connection and reads its request's head (the requests here have no body).
fn accept_request(listener: &std::net::TcpListener) -> std::net::TcpStream {
    use std::io::{BufRead, BufReader};
    let (stream, _) = listener.accept().unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 2 {
        line.clear();
    }
    stream
}

/// How a canned response says where its body ends.
#[derive(Clone, Copy)]
enum Framing {
    /// Transfer-Encoding: chunked, so the client learns the size only by reading.
    Chunked,
    /// A Content-Length of the body's real size.
    Declared,
    /// A Content-Length of this many bytes, and no body at all.
    Announced(u64),
}

/// `status` with a body of `start`, `filler_bytes` spaces and `end`, framed as `framing` says. The body
/// goes out in 64 KiB pieces, one a millisecond (64 MiB/s, a fast network): a client that reads keeps
/// up, so the sockets' buffers stay nearly empty and what the server wrote is about what the client
/// received, not megabytes more held by the kernel on loopback.
fn serve(status: u16, start: &str, filler_bytes: usize, end: &str, framing: Framing) -> OneResponse {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let (start, end) = (start.to_owned(), end.to_owned());
    let written = std::thread::spawn(move || {
        let mut stream = accept_request(&listener);
        let framing_header = match framing {
            Framing::Chunked => "Transfer-Encoding: chunked".to_owned(),
            Framing::Declared => format!("Content-Length: {}", start.len() + (filler_bytes >> 16 << 16) + end.len()),
            Framing::Announced(length) => format!("Content-Length: {length}"),
        };
        let _ = write!(stream, "HTTP/1.1 {status} X\r\n{framing_header}\r\n\r\n");
        if let Framing::Announced(_) = framing {
            return 0;
        }
        let chunked = matches!(framing, Framing::Chunked);
        let filler = vec![b' '; 1 << 16];
        let mut chunks = vec![start.as_bytes()];
        chunks.extend(std::iter::repeat_n(filler.as_slice(), filler_bytes >> 16));
        chunks.push(end.as_bytes());
        // An empty chunk would end the body.
        chunks.retain(|chunk| !chunk.is_empty());
        let mut written = 0;
        for chunk in chunks {
            let sent = if chunked {
                write!(stream, "{:x}\r\n", chunk.len())
                    .and_then(|()| stream.write_all(chunk))
                    .and_then(|()| stream.write_all(b"\r\n"))
            } else {
                stream.write_all(chunk)
            };
            if sent.is_err() {
                return written;
            }
            written += chunk.len();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        if chunked {
            let _ = stream.write_all(b"0\r\n\r\n");
        }
        written
    });
    OneResponse { endpoint, written }
}

/// A server that reads one request and then says nothing (or, with `headers_only`, only announces
/// a 100-byte body), keeping the connection open until the client gives up or 60 s pass.
fn hang(headers_only: bool) -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let held = std::thread::spawn(move || {
        let mut stream = accept_request(&listener);
        if headers_only {
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n").unwrap();
        }
        stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
        // Returns when the client closes the connection (or after the 60 s bound).
        let _ = stream.read(&mut [0; 1]);
    });
    (endpoint, held)
}

fn client_for(endpoint: &str) -> Client {
    client_with(endpoint, 0)
}

fn client_with(endpoint: &str, request_timeout_seconds: u32) -> Client {
    let settings = Settings {
        endpoint: endpoint.into(),
        request_timeout_seconds,
        bucket: "notebooks".into(),
        path_style: true,
        access_key_id: "AKID".into(),
        secret_access_key: "SECRET".into(),
        ..Default::default()
    };
    let mut client = Client::new(Config::from_settings(&settings).unwrap());
    client.set_retry(RetryConfig { max_retries: 0, ..RetryConfig::default() });
    client
}

const MIB: usize = 1 << 20;

// Multi-threaded: the test blocks on the server thread while the client's connection task, on another
// worker, closes the connection it stopped reading.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    // 1 TiB announced, nothing sent: reading would fail on the closed connection instead.
    let server = serve(200, "", 0, "", Framing::Announced(1 << 40));
    let c = client_for(&server.endpoint);
    let request = c.request(Method::GET, "notebooks", Some("big.ipynb")).max_response_bytes(MIB as u64);
    let err = request.send().await.err().expect("refused");
    assert_eq!(err.code(), crate::ErrorCode::TooLarge, "{err}");
    server.written.join().unwrap();
}

/// A 64 MiB object behind a 1 MiB limit costs at most the limit and 1 MiB more (what the sockets
/// buffer) of download, whether its size is declared or found out by reading.
async fn assert_not_downloaded(framing: Framing) {
    let total = 64 * MIB;
    let server = serve(200, "", total, "", framing);
    let c = client_for(&server.endpoint);
    let request = c.request(Method::GET, "notebooks", Some("big.ipynb")).max_response_bytes(MIB as u64);
    let err = request.send().await.err().expect("refused");
    assert_eq!(err.code(), crate::ErrorCode::TooLarge, "{err}");
    drop(c);
    let written = server.written.join().unwrap();
    assert!(written <= 2 * MIB, "{written} of {total} bytes were sent for a 1 MiB limit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_object_over_the_limit_is_refused_by_its_length_and_not_downloaded() {
    assert_not_downloaded(Framing::Declared).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undeclared_body_over_the_limit_is_refused_and_not_downloaded() {
    assert_not_downloaded(Framing::Chunked).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_larger_than_any_s3_page_is_refused() {
    let server = serve(200, "<ListVersionsResult>", 20 * MIB, "</ListVersionsResult>", Framing::Chunked);
    let c = client_for(&server.endpoint);
    let err = c.request(Method::GET, "notebooks", None).query("versions", "").send().await.err().expect("refused");
    assert_eq!(err.code(), crate::ErrorCode::InvalidResponse, "{err}");
    assert!(err.message().contains("MiB"), "{err}");
    drop(c);
    server.written.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_error_body_is_not_read_to_the_end() {
    let total = 64 * MIB;
    let server = serve(500, "<Error><Code>InternalError</Code>", total, "</Error>", Framing::Chunked);
    let c = client_for(&server.endpoint);
    let err = c.request(Method::GET, "notebooks", Some("a.ipynb")).send().await.err().expect("an error");
    assert_eq!(err.s3().map(|d| d.status), Some(500), "{err}");
    drop(c);
    assert!(server.written.join().unwrap() < total, "the client stopped reading");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers_is_given_up_after_the_timeout() {
    let (endpoint, held) = hang(false);
    let c = client_with(&endpoint, 1);
    let err = c.request(Method::GET, "notebooks", Some("a.ipynb")).send().await.err().expect("given up");
    assert_eq!(err.code(), crate::ErrorCode::Network, "{err}");
    assert!(err.message().contains("did not answer within 1 s"), "{err}");
    assert!(err.message().contains("requestTimeoutSeconds"), "{err}");
    drop(c);
    held.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_given_up_after_the_timeout_is_sent_again_and_the_retry_succeeds() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        // The first request gets no answer until the client hangs up; the second is answered.
        let mut silent = accept_request(&listener);
        silent.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
        let _ = silent.read(&mut [0; 1]);
        let mut answered = accept_request(&listener);
        answered.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").unwrap();
    });
    let mut c = client_with(&endpoint, 1);
    c.set_retry(RetryConfig { max_retries: 1, ..RetryConfig::default() });
    let response = c.request(Method::GET, "notebooks", Some("a.ipynb")).send().await.expect("the retry succeeds");
    assert_eq!(response.body.as_ref(), b"ok");
    server.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_stops_arriving_is_given_up_after_the_timeout() {
    let (endpoint, held) = hang(true);
    let c = client_with(&endpoint, 1);
    let err = c.request(Method::GET, "notebooks", Some("a.ipynb")).send().await.err().expect("given up");
    assert!(err.message().contains("did not answer within 1 s"), "{err}");
    drop(c);
    held.join().unwrap();
}

#[test]
fn uploads_get_a_second_more_per_64_kib() {
    let c = client_with("http://127.0.0.1:9", 30);
    let request = c.request(Method::PUT, "notebooks", Some("a.ipynb"));
    assert_eq!(request.wait_for(0), Duration::from_secs(30));
    assert_eq!(request.wait_for(100 << 20), Duration::from_secs(30 + 1600));
}
