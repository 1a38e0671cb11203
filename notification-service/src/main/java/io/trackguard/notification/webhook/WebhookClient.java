package io.trackguard.notification.webhook;

import io.trackguard.webhook.targets.WebhookTargets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook request, safely towards the internet (SSRF): the host is resolved and
 * every address checked ({@link WebhookTargets}) at each attempt, the connection goes to a
 * checked address (no second resolution), while TLS still sends the name (SNI) and verifies the
 * certificate against it; https only, ports from allowed-ports, no redirect followed, one
 * timeout for the whole attempt, and at most max-response-bytes of the answer read.
 */
@ApplicationScoped
public class WebhookClient {

    /** What an attempt came to: the status code, or an error when there was no answer. */
    public record Outcome(Integer status, String error, String retryAfter, String bodyStart) {

        public boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Vertx vertx;
    private final WebhookConfig config;
    private final WebhookTargets targets;
    private final HttpClient http;

    @Inject
    public WebhookClient(Vertx vertx, WebhookConfig config) {
        this(vertx, config, new WebhookTargets(WebhookTargets.SYSTEM));
    }

    WebhookClient(Vertx vertx, WebhookConfig config, WebhookTargets targets) {
        this.vertx = vertx;
        this.config = config;
        this.targets = targets;
        HttpClientOptions options = new HttpClientOptions()
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setConnectTimeout((int) Math.min(config.attemptTimeout().toMillis(), Integer.MAX_VALUE))
                .setKeepAlive(true)
                .setMaxPoolSize(config.concurrency());
        // test only: the tests' self-signed receiver is the one certificate trusted
        config.testTrustedCertificate().ifPresent(pem -> options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem))));
        this.http = vertx.createHttpClient(options);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** POSTs the body with the headers; never throws for what the endpoint or the network does. */
    public Outcome post(String url, Map<String, String> headers, String body) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return refused("not a valid URL");
        }
        String host = uri.getHost();
        if (host == null || uri.getUserInfo() != null) {
            return refused("not an absolute URL without credentials");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        List<InetAddress> addresses;
        try {
            addresses = targets.resolve(host, config.allowLoopback());
        } catch (WebhookTargets.Refused e) {
            return refused("target refused: " + e.getMessage());
        }
        boolean loopbackOnly = addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        boolean localTest = config.allowLoopback() && loopbackOnly;
        if (!https && !localTest) {
            return refused("target refused: https only");
        }
        if (!config.allowedPorts().contains(port) && !localTest) {
            return refused("target refused: port " + port + " is not allowed");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setSsl(https)
                .setHost(bare)
                .setPort(port)
                .setURI(path)
                // the checked address: the name is not resolved again between check and connect
                .setServer(SocketAddress.inetSocketAddress(port, addresses.get(0).getHostAddress()))
                .setFollowRedirects(false);
        headers.forEach(request::addHeader);
        request.putHeader("content-type", "application/json");
        request.putHeader("user-agent", "Trackguard-Webhooks/1");
        return send(request, body);
    }

    private Outcome send(RequestOptions options, String body) {
        long timeout = config.attemptTimeout().toMillis();
        int limit = config.maxResponseBytes();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        http.request(options).onComplete(created -> {
            if (created.failed()) {
                result.complete(new Outcome(null, describe(created.cause()), null, null));
                return;
            }
            var req = created.result();
            long timer = vertx.setTimer(timeout, t -> {
                if (result.complete(new Outcome(null, "timeout after " + timeout + " ms", null, null))) {
                    req.reset();
                }
            });
            req.send(Buffer.buffer(body)).onComplete(sent -> {
                if (sent.failed()) {
                    vertx.cancelTimer(timer);
                    result.complete(new Outcome(null, describe(sent.cause()), null, null));
                    return;
                }
                var resp = sent.result();
                Buffer start = Buffer.buffer();
                Outcome answered = new Outcome(resp.statusCode(), null, resp.getHeader("retry-after"), null);
                resp.handler(chunk -> {
                    if (start.length() < limit) {
                        start.appendBuffer(chunk.length() > limit - start.length() ? chunk.getBuffer(0, limit - start.length()) : chunk);
                    } else if (!result.isDone()) {
                        // enough read: the rest is not wanted
                        vertx.cancelTimer(timer);
                        result.complete(withBody(answered, start));
                        req.connection().close();
                    }
                });
                resp.endHandler(v -> {
                    vertx.cancelTimer(timer);
                    result.complete(withBody(answered, start));
                });
                resp.exceptionHandler(e -> {
                    vertx.cancelTimer(timer);
                    result.complete(withBody(answered, start)); // the status came; the body is not needed
                });
            });
        });
        try {
            return result.get(timeout + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome(null, "timeout after " + timeout + " ms", null, null);
        } catch (ExecutionException e) {
            return new Outcome(null, describe(e.getCause()), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", null, null);
        }
    }

    private static Outcome withBody(Outcome o, Buffer start) {
        return new Outcome(o.status(), null, o.retryAfter(), start.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Outcome refused(String why) {
        return new Outcome(null, why, null, null);
    }

    /** The kind of failure, never its message: messages can carry addresses or certificate details of others. */
    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof javax.net.ssl.SSLException || (e.getCause() instanceof javax.net.ssl.SSLException)) {
            return "TLS failed (" + name + ")";
        }
        if (e instanceof java.net.ConnectException || name.contains("Connect")) {
            return "connection failed (" + name + ")";
        }
        if (name.contains("Closed")) {
            return "connection closed before an answer";
        }
        return "request failed (" + name + ")";
    }
}
