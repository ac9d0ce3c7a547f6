//! Parsing of responses recorded from real servers (`tests/record_xml_fixtures.py` against moto and
//! Ceph RGW), and of the documented AWS shapes they do not produce.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("fixtures/", $name, ".xml")).as_slice()
    };
}

#[test]
fn truncated_version_pages_give_the_next_markers() {
    for body in [fixture!("moto-versions-truncated"), fixture!("rgw-versions-truncated")] {
        let page = parse_versions_page(body).unwrap();
        assert_eq!(page.entries.len(), 2);
        let (key, first) = &page.entries[0];
        assert_eq!(key, "fixtures/a.ipynb");
        assert!(first.is_latest && !first.is_delete_marker);
        assert_eq!(first.size, 2);
        assert_eq!(first.etag, "99914b932bd37a50b983c5e7c90ae93b", "quotes removed");
        let (_, marker) = &page.entries[1];
        assert!(marker.is_delete_marker && !marker.is_latest);
        let (next_key, next_version) = page.next.expect("a truncated page has a next marker");
        assert_eq!(next_key, "fixtures/a.ipynb");
        assert_eq!(next_version, marker.version_id, "the page ends at the delete marker");
    }
}

#[test]
fn last_version_page_has_everything_and_no_marker() {
    for body in [fixture!("moto-versions-last-page"), fixture!("rgw-versions-last-page")] {
        let page = parse_versions_page(body).unwrap();
        assert_eq!(page.next, None);
        let of = |k: &str| page.entries.iter().filter(|(key, _)| key == k).map(|(_, e)| e).collect::<Vec<_>>();
        let a = of("fixtures/a.ipynb");
        assert_eq!(a.len(), 5, "4 versions and 1 delete marker");
        assert_eq!(a.iter().filter(|e| e.is_delete_marker).count(), 1);
        assert_eq!(a.iter().filter(|e| e.is_latest).count(), 1);
        let mut sizes: Vec<u64> = a.iter().filter(|e| !e.is_delete_marker).map(|e| e.size).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![2, 2, 4, 6]);
        assert_eq!(of("fixtures/a.ipynb.bak").len(), 1);
    }
}

#[test]
fn rgw_keeps_delete_markers_in_history_order() {
    let page = parse_versions_page(fixture!("rgw-versions-last-page")).unwrap();
    let kinds: Vec<bool> = page.entries.iter().map(|(_, e)| e.is_delete_marker).collect();
    assert_eq!(kinds, vec![false, true, false, false, false, false]);
}

#[test]
fn object_listing_pages() {
    for body in [fixture!("moto-objects-truncated"), fixture!("rgw-objects-truncated")] {
        let page = parse_objects_page(body).unwrap();
        assert_eq!(page.objects.len(), 1);
        assert_eq!(page.objects[0].key, "fixtures/a.ipynb");
        assert_eq!(page.objects[0].size, 2);
        assert!(page.continuation.is_some_and(|t| !t.is_empty()));
    }
    let last = br#"<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>"#;
    let page = parse_objects_page(last).unwrap();
    assert!(page.objects.is_empty() && page.continuation.is_none());
}

#[test]
fn versioning_states() {
    let cases = [
        (fixture!("moto-versioning-enabled"), Versioning::Enabled),
        (fixture!("rgw-versioning-enabled"), Versioning::Enabled),
        (fixture!("moto-versioning-suspended"), Versioning::Suspended),
        (fixture!("rgw-versioning-suspended"), Versioning::Suspended),
        (fixture!("moto-versioning-never"), Versioning::Disabled),
        (fixture!("rgw-versioning-never"), Versioning::Disabled),
    ];
    for (body, want) in cases {
        assert_eq!(parse_versioning(body).unwrap(), want);
    }
}

#[test]
fn error_bodies() {
    let cases = [
        (fixture!("moto-error-no-such-bucket"), 404, "NoSuchBucket"),
        (fixture!("rgw-error-no-such-bucket"), 404, "NoSuchBucket"),
        (fixture!("moto-error-no-such-key"), 404, "NoSuchKey"),
        (fixture!("rgw-error-no-such-key"), 404, "NoSuchKey"),
        (fixture!("moto-error-signature"), 403, "SignatureDoesNotMatch"),
        (fixture!("rgw-error-signature"), 403, "SignatureDoesNotMatch"),
        (fixture!("moto-error-no-such-version"), 404, "NoSuchVersion"),
        // RGW answers an unknown version id with NoSuchKey.
        (fixture!("rgw-error-no-such-version"), 404, "NoSuchKey"),
    ];
    for (body, status, code) in cases {
        let parsed = parse_error(status, body);
        assert_eq!(parsed.details.code, code);
        assert_eq!(parsed.details.status, status);
        assert!(parsed.details.request_id.is_some_and(|id| !id.is_empty()), "{code}");
    }
}

#[test]
fn documented_aws_error_shapes() {
    // From the S3 API reference: a wrong region names the right one; a skewed clock gives the server time.
    let region = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message><Region>eu-west-1</Region><RequestId>R1</RequestId><HostId>H</HostId></Error>"#;
    assert_eq!(parse_error(400, region).details.region.as_deref(), Some("eu-west-1"));
    let skew = br#"<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20261127T060000Z</RequestTime><ServerTime>2026-11-27T06:30:00Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>"#;
    assert_eq!(parse_error(403, skew).server_time.as_deref(), Some("2026-11-27T06:30:00Z"));
}

#[test]
fn unreadable_bodies_are_typed_errors_not_panics() {
    let cases: &[&[u8]] = &[
        b"",
        b"not xml",
        b"<ListVersionsResult><IsTruncated>maybe</IsTruncated></ListVersionsResult>",
        b"<ListVersionsResult><Version><Key>a</Key></Version></ListVersionsResult>",
        b"<ListVersionsResult><IsTruncated>true</IsTruncated></ListVersionsResult>",
        b"<ListVersionsResult><Version><Key>a</Key>",
        b"\xff\xfe<ListVersionsResult/>",
        br#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><ListVersionsResult><Version><Key>&b;</Key><VersionId>v</VersionId><LastModified>t</LastModified></Version></ListVersionsResult>"#,
    ];
    // The last case is "billion laughs": quick-xml never expands DTD entities, so it fails at once.
    for body in cases {
        let err = parse_versions_page(body).expect_err(&String::from_utf8_lossy(body));
        assert_eq!(err.code(), crate::ErrorCode::InvalidResponse, "{}", String::from_utf8_lossy(body));
    }
    // An error response whose body is not S3's keeps the status and leaves the rest empty.
    let parsed = parse_error(502, b"<html>Bad gateway</html>");
    assert_eq!((parsed.details.status, parsed.details.code.as_str()), (502, ""));
}

#[test]
fn entities_and_namespaces_are_read_like_s3_writes_them() {
    let body = br#"<?xml version="1.0"?><s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated><Contents><Key>a &amp; b&#x20;&lt;c&gt;.ipynb</Key><LastModified>t</LastModified><ETag>&quot;e&quot;</ETag><Size>12</Size></Contents></s3:ListBucketResult>"#;
    let page = parse_objects_page(body).unwrap();
    assert_eq!(page.objects[0].key, "a & b <c>.ipynb");
    assert_eq!((page.objects[0].etag.as_str(), page.objects[0].size), ("e", 12));
}

#[test]
fn every_truncation_of_a_real_response_is_refused() {
    for body in [fixture!("moto-versions-last-page"), fixture!("rgw-versions-truncated")] {
        let end = body.trim_ascii_end().len();
        for cut in 0..end {
            let err = parse_versions_page(&body[..cut]).expect_err(&format!("cut at {cut}"));
            assert_eq!(err.code(), crate::ErrorCode::InvalidResponse, "cut at {cut}");
        }
    }
    for body in [fixture!("moto-objects-truncated"), fixture!("rgw-objects-truncated")] {
        let end = body.trim_ascii_end().len();
        for cut in 0..end {
            assert!(parse_objects_page(&body[..cut]).is_err(), "cut at {cut}");
        }
    }
}

#[test]
fn entities_are_never_expanded_or_fetched() {
    // Billion laughs, nine levels deep: 10^9 `lol`s if expanded.
    let mut dtd = String::from(r#"<!ENTITY l0 "lol">"#);
    for level in 1..10 {
        let refs = format!("&l{};", level - 1).repeat(10);
        dtd.push_str(&format!(r#"<!ENTITY l{level} "{refs}">"#));
    }
    let laughs = format!(
        "<!DOCTYPE r [{dtd}]><ListVersionsResult><Version><Key>&l9;</Key><VersionId>v</VersionId>\
         <LastModified>t</LastModified></Version></ListVersionsResult>"
    );
    // An external entity: reading it would put a local file into the parsed response.
    let external = r#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><ListVersionsResult><Version><Key>&x;</Key><VersionId>v</VersionId><LastModified>t</LastModified></Version></ListVersionsResult>"#;
    for body in [laughs.as_str(), external] {
        let err = parse_versions_page(body.as_bytes()).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidResponse);
    }
    // A DOCTYPE whose entities are never used is ignored.
    let unused =
        format!("<!DOCTYPE r [{dtd}]><VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>");
    assert_eq!(parse_versioning(unused.as_bytes()).unwrap(), Versioning::Enabled);
}

#[test]
fn very_deep_nesting_fails_or_is_skipped_without_overflowing_the_stack() {
    // Tests run on 2 MiB stacks: a parser recursing per level would overflow long before 100,000.
    let depth = 100_000;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let inside_version = format!(
        "<ListVersionsResult><Version><Key>k</Key><VersionId>v</VersionId><LastModified>t</LastModified>\
         <Owner>{deep}</Owner></Version><Unknown>{deep}</Unknown></ListVersionsResult>"
    );
    let page = parse_versions_page(inside_version.as_bytes()).unwrap();
    assert_eq!(page.entries.len(), 1, "unknown elements are skipped, however deep");
    let unclosed = format!("<ListVersionsResult>{}", "<a>".repeat(depth));
    assert!(parse_versions_page(unclosed.as_bytes()).is_err());
    let as_root = format!("<Error>{deep}</Error>");
    assert_eq!(parse_error(500, as_root.as_bytes()).details.status, 500);
}

#[test]
fn a_listing_ten_times_the_largest_s3_page_is_read_whole() {
    // 10,000 entries, versions and delete markers interleaved: all read, in one list.
    let entry = "<Version><Key>w/a.ipynb</Key><VersionId>v</VersionId><IsLatest>false</IsLatest>\
                 <LastModified>2026-11-27T06:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>2</Size></Version>\
                 <DeleteMarker><Key>w/a.ipynb</Key><VersionId>d</VersionId><LastModified>t</LastModified></DeleteMarker>";
    let body = format!("<ListVersionsResult>{}</ListVersionsResult>", entry.repeat(5_000));
    assert_eq!(parse_versions_page(body.as_bytes()).unwrap().entries.len(), 10_000);
}

#[test]
fn lifecycle_rules_read_prefix_tags_and_days_in_each_filter_form() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Rule><ID>bookstore-expire-automatic-versions</ID><Status>Enabled</Status>
    <Filter><And><Prefix>workspace/</Prefix><Tag><Key>bookstore-retention</Key><Value>auto</Value></Tag></And></Filter>
    <NoncurrentVersionExpiration><NoncurrentDays>90</NoncurrentDays></NoncurrentVersionExpiration></Rule>
  <Rule><ID>old</ID><Prefix>tmp/</Prefix><Status>Disabled</Status><Expiration><Days>7</Days></Expiration></Rule>
  <Rule><Status>Enabled</Status><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>
    <Expiration><Days>1</Days></Expiration></Rule>
</LifecycleConfiguration>"#;
    let rules = parse_lifecycle(body).unwrap();
    let rule = |id: &str, enabled, prefix: &str, tags: &[&str], noncurrent, expiration| LifecycleRule {
        id: id.into(),
        enabled,
        prefix: prefix.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        noncurrent_days: noncurrent,
        expiration_days: expiration,
    };
    assert_eq!(
        rules,
        vec![
            rule(
                "bookstore-expire-automatic-versions",
                true,
                "workspace/",
                &["bookstore-retention=auto"],
                Some(90),
                None
            ),
            rule("old", false, "tmp/", &[], None, Some(7)),
            rule("", true, "", &["k=v"], None, Some(1)),
        ]
    );
    assert!(parse_lifecycle(
        b"<LifecycleConfiguration><Rule><Expiration><Days>x</Days></Expiration></Rule></LifecycleConfiguration>"
    )
    .is_err());
}
