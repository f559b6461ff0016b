package dev.imgdiff.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The OCI distribution API (v2) of one registry, as the docker CLI speaks it: anonymous first, then the
 * challenge the registry answers with (a bearer token from its realm, or basic credentials), with logins
 * from the Docker config. Redirects are followed by hand so that an Authorization header never reaches
 * another host (blob downloads are often redirected to storage). TLS is verified; registries on this
 * machine and those named insecure are spoken to over plain HTTP.
 */
public final class RegistryClient {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_REDIRECTS = 5;
    private final RegistryReference ref;
    private final String base;
    private final Credentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    /** Authorization header values by scope, once a challenge was answered. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public RegistryClient(RegistryReference ref, boolean plainHttp, Credentials credentials, Duration timeout) {
        this.ref = ref;
        this.base = (plainHttp ? "http://" : "https://") + ref.apiHost();
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
    }

    public RegistryReference reference() {
        return ref;
    }

    /** A response whose body is a stream the caller closes. */
    public record Response(int status, String contentType, String digest, long length, InputStream body) {
    }

    /** GET {@code /v2/<repository>/<kind>/<reference>}: kind is "manifests" or "blobs". */
    public Response get(String kind, String reference, String accept) throws ImageException {
        String path = "/v2/" + ref.repository() + "/" + kind + "/" + reference;
        String scope = "repository:" + ref.repository() + ":pull";
        URI uri = URI.create(base + path);
        String what = (kind.equals("manifests") ? "manifest " : "blob ") + reference;
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<InputStream> r = follow(uri, accept, authorizations.get(scope), what);
            int status = r.statusCode();
            if (status == 200) {
                return new Response(200, r.headers().firstValue("Content-Type").orElse(null),
                        r.headers().firstValue("Docker-Content-Digest").orElse(null),
                        r.headers().firstValueAsLong("Content-Length").orElse(-1), r.body());
            }
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            drain(r.body());
            if (status == 401 && attempt == 0 && !challenge.isEmpty()) {
                authorizations.put(scope, answer(challenge, scope));
                continue;
            }
            throw failure(status, what, challenge);
        }
        throw new ImageException(Kind.AUTH, ref.host() + " refused the credentials for " + ref.repository()
                + "; log in with `docker login " + ref.host() + "`");
    }

    /** Sends a GET, following redirects; Authorization goes only to the registry's own host. */
    private HttpResponse<InputStream> follow(URI start, String accept, String authorization, String what)
            throws ImageException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "imgdiff");
            if (accept != null) {
                b.header("Accept", accept);
            }
            if (authorization != null && sameOrigin(uri, start)) {
                b.header("Authorization", authorization);
            }
            HttpResponse<InputStream> r = send(b.build(), what);
            int s = r.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                Optional<String> location = r.headers().firstValue("Location");
                drain(r.body());
                if (location.isEmpty()) {
                    throw new ImageException(Kind.PROTOCOL, ref.host() + " redirected " + what + " without a Location");
                }
                uri = uri.resolve(location.get());
                continue;
            }
            return r;
        }
        throw new ImageException(Kind.PROTOCOL, ref.host() + " redirected " + what + " more than " + MAX_REDIRECTS + " times");
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private HttpResponse<InputStream> send(HttpRequest req, String what) throws ImageException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ImageException(Kind.TIMEOUT, "cannot reach the registry " + ref.host() + ": no answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new ImageException(Kind.TIMEOUT, "the registry " + ref.host() + " did not answer for " + what + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new ImageException(Kind.UNREACHABLE, "cannot reach the registry " + ref.host() + " (" + req.uri().getScheme() + "://"
                    + req.uri().getAuthority() + "): connection refused", e);
        } catch (SSLException e) {
            throw new ImageException(Kind.UNREACHABLE, "TLS failed with the registry " + ref.host() + " (" + e.getMessage()
                    + "); for a registry you trust without TLS, pass --insecure-registry " + ref.host(), e);
        } catch (IOException e) {
            throw new ImageException(Kind.UNREACHABLE, "cannot reach the registry " + ref.host() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(Kind.INTERRUPTED, "interrupted", e);
        }
    }

    /** Answers a WWW-Authenticate challenge with the header to send next. */
    private String answer(String challenge, String scope) throws ImageException {
        Optional<Credentials.Login> login = credentials.forHost(ref.host());
        String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            return login.map(Credentials.Login::basic).orElseThrow(() -> new ImageException(Kind.AUTH,
                    "the registry " + ref.host() + " wants a login for " + ref.repository()
                            + "; log in with `docker login " + ref.host() + "`"));
        }
        if (!scheme.equals("bearer")) {
            throw new ImageException(Kind.UNSUPPORTED, "the registry " + ref.host() + " asks for an unknown authentication: " + scheme);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new ImageException(Kind.PROTOCOL, "the registry " + ref.host() + " sent a bearer challenge without a realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (params.containsKey("service")) {
            url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        url.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
        URI tokenUri = URI.create(url.toString());
        if (!tokenUri.getScheme().equals("https") && !tokenUri.getScheme().equals("http")) {
            throw new ImageException(Kind.PROTOCOL, "the registry " + ref.host() + " named a token service that is not HTTP");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).timeout(timeout).GET().header("User-Agent", "imgdiff");
        login.ifPresent(l -> b.header("Authorization", l.basic()));
        HttpResponse<InputStream> r = send(b.build(), "a token");
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(1 << 20);
            if (r.statusCode() != 200) {
                throw failure(r.statusCode(), "a token for " + ref.repository(), "");
            }
            JsonNode t = json.readTree(body);
            String token = t.hasNonNull("token") ? t.get("token").asText() : t.path("access_token").asText(null);
            if (token == null || token.isEmpty()) {
                throw new ImageException(Kind.PROTOCOL, "the token service of " + ref.host() + " sent no token");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new ImageException(Kind.PROTOCOL, "unreadable token from " + ref.host() + ": " + e.getMessage(), e);
        }
    }

    private ImageException failure(int status, String what, String challenge) {
        String repo = ref.repository();
        return switch (status) {
            case 401 -> new ImageException(Kind.AUTH, "the registry " + ref.host() + " wants a login for " + repo
                    + "; log in with `docker login " + ref.host() + "`");
            case 403 -> new ImageException(Kind.AUTH, "the registry " + ref.host() + " denies access to " + repo
                    + "; log in with `docker login " + ref.host() + "` as a user who may pull it");
            case 404 -> new ImageException(Kind.NOT_FOUND, what.startsWith("manifest sha256:") || what.startsWith("blob")
                    ? "the registry " + ref.host() + " is missing " + what + " of " + repo
                    : "the registry " + ref.host() + " has no image " + ref);
            case 429 -> new ImageException(Kind.PROTOCOL, "the registry " + ref.host() + " is rate-limiting pulls; wait, or log in "
                    + "with `docker login " + ref.host() + "` for a higher limit");
            default -> new ImageException(Kind.PROTOCOL, "the registry " + ref.host() + " answered HTTP " + status + " for " + what);
        };
    }

    private static void drain(InputStream in) {
        try (in) {
            in.readNBytes(1 << 16);
        } catch (IOException e) {
            // the body is not needed
        }
    }
}
