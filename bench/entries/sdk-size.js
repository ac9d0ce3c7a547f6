// What a browser client built on @aws-sdk/client-s3 ships for Bookstore's operations (payload size only).
// The SDK has no paginator for ListObjectVersions (it pages with two markers); callers loop themselves.
import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client };
