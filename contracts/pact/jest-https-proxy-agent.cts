/**
 * A stand-in for `https-proxy-agent` under Jest (README, "Under Jest"). Pact 16.5 requires
 * https-proxy-agent 9, an ES module, when it loads; Jest cannot require() an ES module on Node below
 * 24.9, so a consumer test fails before it starts. Pact uses the agent only in its verifier's proxy, and
 * only when HTTPS_PROXY or HTTP_PROXY is set: consumer tests never construct one.
 */
class HttpsProxyAgent {
  constructor() {
    throw new Error(
      "truecaller-oauth-kit's stand-in for https-proxy-agent (mapped in your Jest config) cannot proxy: Pact's verifier asked for an HTTPS proxy agent because HTTPS_PROXY or HTTP_PROXY is set. Unset them for the verification, or run npx truecaller-oauth-kit verify outside Jest.",
    );
  }
}

export = { HttpsProxyAgent };
