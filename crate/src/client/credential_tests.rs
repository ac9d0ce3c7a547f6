//! Credentials from a URL, against a scripted HTTP server on 127.0.0.1 that plays both the credentials
//! service (`/creds`) and S3 (everything else): fetched once while valid, again when due or refused,
//! and a request never goes out without them.

use std::io::{BufRead, BufReader, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::*;
use crate::config::Settings;

/// What the server answers the `n`th request (0-based) for `path`: status and body.
type Script = Box<dyn Fn(&str, usize) -> (u16, String) + Send>;

/// Each request's path and its session token, in order.
type Log = Arc<Mutex<Vec<(String, String)>>>;

/// Serves every connection with `script`, one request per connection, and logs each path with its
/// `x-amz-security-token`.
fn serve(script: Script) -> (String, Log) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(50) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut line, mut path, mut token) = (String::new(), String::new(), String::new());
            while reader.read_line(&mut line).unwrap() > 2 {
                if path.is_empty() {
                    path = line.split(' ').nth(1).unwrap_or_default().to_owned();
                } else if let Some(value) = line.to_ascii_lowercase().strip_prefix("x-amz-security-token:") {
                    token = value.trim().to_owned();
                }
                line.clear();
            }
            let count = seen.lock().unwrap().iter().filter(|(p, _)| *p == path).count();
            let (status, body) = script(&path, count);
            seen.lock().unwrap().push((path, token));
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (endpoint, log)
}

fn client_for(endpoint: &str) -> Client {
    let settings = Settings {
        endpoint: endpoint.into(),
        bucket: "notebooks".into(),
        path_style: true,
        credentials_url: format!("{endpoint}/creds"),
        ..Default::default()
    };
    let mut client = Client::new(Config::from_settings(&settings).unwrap());
    client.set_retry(RetryConfig { max_retries: 0, ..RetryConfig::default() });
    client
}

/// Credentials answer number `n`, expiring `lifetime` from now.
fn credentials(n: usize, lifetime: Duration) -> String {
    let expires = httpdate::fmt_http_date(SystemTime::now() + lifetime);
    let expires = humantime::format_rfc3339_seconds(httpdate::parse_http_date(&expires).unwrap());
    format!(r#"{{"AccessKeyId":"ASIA{n}","SecretAccessKey":"s{n}","Token":"token-{n}","Expiration":"{expires}"}}"#)
}

fn fetches(log: &Mutex<Vec<(String, String)>>) -> usize {
    log.lock().unwrap().iter().filter(|(path, _)| path == "/creds").count()
}

fn tokens(log: &Mutex<Vec<(String, String)>>) -> Vec<String> {
    log.lock().unwrap().iter().filter(|(path, _)| path != "/creds").map(|(_, token)| token.clone()).collect()
}

async fn get(client: &Client) -> Result<Response> {
    client.request(Method::GET, "notebooks", Some("a.ipynb")).send().await
}

#[tokio::test]
async fn credentials_are_fetched_once_while_valid() {
    let (endpoint, log) = serve(Box::new(|path, n| match path {
        "/creds" => (200, credentials(n, Duration::from_secs(3_600))),
        _ => (200, "{}".into()),
    }));
    let client = client_for(&endpoint);
    for _ in 0..3 {
        get(&client).await.unwrap();
    }
    assert_eq!(fetches(&log), 1);
    assert_eq!(tokens(&log), ["token-0"; 3], "signed with the session token");
    assert!(client.credentials.expires().is_some());
}

#[tokio::test]
async fn credentials_due_are_fetched_again_before_the_request() {
    // Two seconds of life: renewed half a second ahead, so the second request, a second later, renews.
    let (endpoint, log) = serve(Box::new(|path, n| match path {
        "/creds" => (200, credentials(n, Duration::from_secs(2))),
        _ => (200, "{}".into()),
    }));
    let client = client_for(&endpoint);
    get(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    get(&client).await.unwrap();
    assert_eq!(fetches(&log), 2);
    assert_eq!(tokens(&log), ["token-0", "token-1"]);
}

#[tokio::test]
async fn refused_credentials_are_renewed_once_and_the_request_sent_again() {
    let expired = "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>";
    let (endpoint, log) = serve(Box::new(move |path, n| match (path, n) {
        ("/creds", n) => (200, credentials(n, Duration::from_secs(3_600))),
        (_, 0) => (400, expired.into()),
        _ => (200, "{}".into()),
    }));
    let client = client_for(&endpoint);
    get(&client).await.unwrap();
    assert_eq!(fetches(&log), 2);
    assert_eq!(tokens(&log), ["token-0", "token-1"]);

    // Refused again with fresh ones: the error comes back, after one renewal only.
    let (endpoint, log) = serve(Box::new(move |path, n| match path {
        "/creds" => (200, credentials(n, Duration::from_secs(3_600))),
        _ => (400, expired.into()),
    }));
    let error = get(&client_for(&endpoint)).await.err().unwrap();
    assert_eq!(error.code(), ErrorCode::CredentialsRefused);
    assert_eq!((fetches(&log), tokens(&log).len()), (2, 2));
}

#[tokio::test]
async fn without_credentials_nothing_is_sent_to_s3() {
    for (status, body, code, reason) in [
        (503, "down", ErrorCode::CredentialsUnavailable, "credentialsUrlFailed"),
        (401, "sign in", ErrorCode::CredentialsUnavailable, "credentialsUrlRefused"),
        (200, "<html>Sign in</html>", ErrorCode::CredentialsUnavailable, "credentialsUrlInvalid"),
    ] {
        let (endpoint, log) = serve(Box::new(move |_, _| (status, body.into())));
        let error = get(&client_for(&endpoint)).await.err().unwrap();
        assert_eq!((error.code(), error.parts().0), (code, reason), "{status} {body}");
        assert!(!error.message().contains("sign in"), "the service's page is not quoted");
        assert!(tokens(&log).is_empty(), "no request to S3 without credentials");
    }
}

#[tokio::test]
async fn requests_starting_together_share_one_fetch() {
    let (endpoint, log) = serve(Box::new(|path, n| match path {
        "/creds" => {
            // A slow service: the other requests start while this answer is on its way.
            std::thread::sleep(Duration::from_millis(300));
            (200, credentials(n, Duration::from_secs(3_600)))
        }
        _ => (200, "{}".into()),
    }));
    let client = client_for(&endpoint);
    let (a, b, c) = tokio::join!(get(&client), get(&client), get(&client));
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    assert_eq!(fetches(&log), 1);
}
