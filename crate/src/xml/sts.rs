//! STS's XML answers: the temporary credentials of `AssumeRole` and `AssumeRoleWithWebIdentity`, the
//! identity of `GetCallerIdentity`, and the `<ErrorResponse>` of a refusal.

use super::{parse, required, Element};
use crate::credential::Credentials;
use crate::error::{Error, Result};
use crate::platform;

/// The `<Credentials>` of an `Assume*Response`.
pub(crate) fn parse_sts_credentials(body: &[u8]) -> Result<Credentials> {
    let root = parse(body, "an STS answer")?;
    let credentials = result(&root)?
        .child("Credentials")
        .ok_or_else(|| Error::invalid_response("an STS answer without <Credentials>"))?;
    let expiration = required(credentials, "Expiration")?;
    let expires = platform::parse_rfc3339(expiration.trim())
        .ok_or_else(|| Error::invalid_response("an STS <Expiration> that is not a date"))?;
    let session_token = Some(required(credentials, "SessionToken")?);
    Ok(Credentials {
        expires: Some(expires),
        ..Credentials::new(
            required(credentials, "AccessKeyId")?,
            required(credentials, "SecretAccessKey")?,
            session_token,
        )
    })
}

/// The `<Arn>` of a `GetCallerIdentityResponse`: who the credentials belong to.
pub(crate) fn parse_caller_identity(body: &[u8]) -> Result<String> {
    let root = parse(body, "an STS answer")?;
    required(result(&root)?, "Arn")
}

/// The `Code` and `Message` of STS's `<ErrorResponse><Error>…`; empty when the body is not one.
pub(crate) fn parse_sts_error(body: &[u8]) -> (String, String) {
    let Ok(root) = parse(body, "an STS error") else { return Default::default() };
    let error = root.child("Error").unwrap_or(&root);
    let text = |name| error.text_of(name).unwrap_or_default().trim().to_owned();
    (text("Code"), text("Message"))
}

/// The `…Result` element every STS answer wraps its content in.
fn result(root: &Element) -> Result<&Element> {
    root.children
        .iter()
        .find(|child| child.name.ends_with("Result"))
        .ok_or_else(|| Error::invalid_response(&format!("an STS <{}> without a result", root.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assumed_credentials_are_read() {
        let body = br#"<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIA1</AccessKeyId>
          <SecretAccessKey>s/+3</SecretAccessKey><SessionToken>FQo=</SessionToken>
          <Expiration>2026-12-01T10:49:05.980405Z</Expiration></Credentials>
          <AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
          </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>"#;
        let c = parse_sts_credentials(body).unwrap();
        assert_eq!(c.access_key_id, "ASIA1");
        assert_eq!(c.secret_access_key, "s/+3");
        assert_eq!(c.session_token.as_deref(), Some("FQo="));
        let expected = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_796_122_145);
        assert_eq!(c.expires.map(|e| e.duration_since(expected).unwrap().as_secs()), Some(0));
    }

    #[test]
    fn an_answer_without_all_of_them_is_refused() {
        for body in [
            &b"<AssumeRoleResponse/>"[..],
            b"<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>",
            b"<R><AssumeRoleResult><Credentials><AccessKeyId>a</AccessKeyId><SecretAccessKey>s</SecretAccessKey>\
              <SessionToken>t</SessionToken><Expiration>soon</Expiration></Credentials></AssumeRoleResult></R>",
            b"<R><AssumeRoleResult><Credentials><AccessKeyId>a</AccessKeyId><SecretAccessKey>s</SecretAccessKey>\
              <Expiration>2026-12-01T10:49:05Z</Expiration></Credentials></AssumeRoleResult></R>",
            b"not xml",
        ] {
            assert!(parse_sts_credentials(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn identity_and_errors_are_read() {
        let who = b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/ada</Arn>\
            <UserId>AIDA</UserId><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
        assert_eq!(parse_caller_identity(who).unwrap(), "arn:aws:iam::1:user/ada");
        let refused = b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
            <Message>Couldn't retrieve verification key</Message></Error><RequestId>r</RequestId></ErrorResponse>";
        assert_eq!(
            parse_sts_error(refused),
            ("InvalidIdentityToken".to_owned(), "Couldn't retrieve verification key".to_owned())
        );
        // RGW answers S3's <Error> shape.
        assert_eq!(parse_sts_error(b"<Error><Code>AccessDenied</Code></Error>").0, "AccessDenied");
        assert_eq!(parse_sts_error(b"<html>"), Default::default());
    }
}
