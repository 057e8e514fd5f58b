/**
 * A real signed profile of the legacy SDKs and the key it verifies with, as public code publishes them
 * (md-adil/truecaller-php-sdk, tests/PayloadTest.php; the same key is in truecaller/backend-sdk-validation
 * as the key "fetched from https://api4.truecaller.com/v1/key"). Truecaller's own signature: the kit's
 * verifier must accept it by the code path that accepts the mock's. RSA-1024; `requestTime` 1510251862
 * (November 2017), so its age is not checked.
 */
export const LEGACY_TEST_VECTOR = Object.freeze({
  /** The base64 payload string exactly as the SDK returned it. */
  payload:
    'eyJyZXF1ZXN0Tm9uY2UiOiJlNGMxNDU0Mi0wMmU5LTQzNmUtYTcxMC1mM2QyYjljOWQyYmYiLCJyZXF1ZXN0VGltZSI6MTUxMDI1MTg2MiwicGhvbmVOdW1iZXIiOiIrOTE4MTQ2ODE0MTg0IiwiZmlyc3ROYW1lIjoiWW9nZXNoIiwibGFzdE5hbWUiOiJTaW5naGFsIiwiZ2VuZGVyIjoiTiIsImNvdW50cnlDb2RlIjoiaW4iLCJlbWFpbCI6InNpbmdoYWwueW9nZXNoMDdAZ21haWwuY29tIiwiaXNUcnVlTmFtZSI6dHJ1ZSwiaXNBbWJhc3NhZG9yIjpmYWxzZX0=',
  /** SHA512withRSA of the payload string's ASCII bytes, base64. */
  signature:
    'aC5XmkK5YCrNHjvmrOdwh2JFeh7gOlFXguFApTzfax281hGtlwoydDZX9JfK3tUxermuBUS3m+KL13FrN+TF1G0/vJ29Zk91yC0ASDPCOVF6RkU4x9DrlUP0jFZvqnIF4oSCGKPBquFp8KxnqEEWQ7fyrZJ/zVIUqeEn7VuzvYU=',
  signatureAlgorithm: 'SHA512withRSA',
  /** The key, as `/v1/key` lists it: base64 of the DER SubjectPublicKeyInfo. */
  key: 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDEpFwIarbm48m6ueG+jhpt2vCGaqXZlwR/HPuL4zH1DQ/eWFbgQtVnrta8QhQz3ywLnbX6s7aecxUzzNJsTtS8VxKAYll4E1lJUqrNdWt8CU+TaUQuFm8vzLoPiYKEXl4bX5rzMQUMqA228gWuYmRFQnpduQTgnYIMO8XVUQXl5wIDAQAB',
  /** The nonce inside the payload. */
  requestNonce: 'e4c14542-02e9-436e-a710-f3d2b9c9d2bf',
});
