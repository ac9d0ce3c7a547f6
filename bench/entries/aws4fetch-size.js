// aws4fetch signs requests and nothing more: the floor for a browser S3 client's size.
export { AwsClient } from 'aws4fetch';
