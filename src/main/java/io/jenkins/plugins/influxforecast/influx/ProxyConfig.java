package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which HTTP proxy to use. The engine runs in an agent pod that does not see Jenkins' proxy
 * settings, so the proxy is explicit: the {@code proxy} option ({@code http://host:port}, or
 * {@code none} for a direct connection), else the environment as curl reads it: {@code HTTPS_PROXY}
 * for https URLs, {@code HTTP_PROXY} for http URLs (either case), minus the hosts in
 * {@code NO_PROXY} ({@code *}, exact names or addresses, {@code .example.com} or
 * {@code example.com} for a domain and its subdomains).
 *
 * @param explicit   the {@code proxy} option: a proxy URL, {@link #DIRECT}, or null for "from the environment"
 * @param httpProxy  {@code HTTP_PROXY} from the environment, or null
 * @param httpsProxy {@code HTTPS_PROXY} from the environment, or null
 * @param noProxy    {@code NO_PROXY} entries
 */
public record ProxyConfig(URI explicit, URI httpProxy, URI httpsProxy, List<String> noProxy) {

    /** The value of {@link #explicit} that means "no proxy, whatever the environment says". */
    public static final URI DIRECT = URI.create("direct:none");

    public ProxyConfig {
        noProxy = List.copyOf(noProxy);
        if (explicit != null && !explicit.equals(DIRECT)) {
            check("proxy", explicit);
        }
        if (httpProxy != null) {
            check("HTTP_PROXY", httpProxy);
        }
        if (httpsProxy != null) {
            check("HTTPS_PROXY", httpsProxy);
        }
    }

    /** No proxy at all. */
    public static ProxyConfig none() {
        return new ProxyConfig(DIRECT, null, null, List.of());
    }

    /**
     * From the {@code proxy} option ({@code none}, a URL, or null/empty for the environment) and
     * the environment variables.
     */
    public static ProxyConfig from(String option, Map<String, String> env) {
        URI explicit = null;
        if (option != null && !option.isBlank()) {
            String o = option.trim();
            explicit = o.equalsIgnoreCase("none") || o.equalsIgnoreCase("direct") ? DIRECT : parse("proxy", o);
        }
        URI http = parse("HTTP_PROXY", env(env, "HTTP_PROXY"));
        URI https = parse("HTTPS_PROXY", env(env, "HTTPS_PROXY"));
        List<String> no = new ArrayList<>();
        String noProxy = env(env, "NO_PROXY");
        if (noProxy != null) {
            for (String entry : noProxy.split(",")) {
                String e = entry.trim().toLowerCase(Locale.ROOT);
                if (!e.isEmpty()) {
                    no.add(e);
                }
            }
        }
        return new ProxyConfig(explicit, http, https, no);
    }

    private static String env(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static URI parse(String what, String text) {
        if (text == null) {
            return null;
        }
        String t = text.contains("://") ? text : "http://" + text;
        try {
            return URI.create(t);
        } catch (IllegalArgumentException e) {
            // the text may hold credentials: do not repeat it
            throw new IllegalArgumentException(what + " is not a valid proxy URL (expected http://host:port)");
        }
    }

    private static void check(String what, URI uri) {
        if (uri.getRawUserInfo() != null || InfluxConnection.hasCredentials(uri.toString())) {
            throw new IllegalArgumentException(what + " must not contain credentials (user:password@): proxy"
                    + " authentication is not supported; use a proxy that admits the agent, or the proxy option none");
        }
        if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(what + " must be http://host:port, got '" + InfluxConnection.redact(uri) + "'");
        }
    }

    /** The proxy for a request to {@code target}, or null for a direct connection. */
    public URI proxyFor(URI target) {
        if (DIRECT.equals(explicit)) {
            return null;
        }
        if (explicit != null) {
            return explicit;
        }
        URI proxy = "https".equalsIgnoreCase(target.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || bypassed(target.getHost())) {
            return null;
        }
        return proxy;
    }

    private boolean bypassed(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String entry : noProxy) {
            String e = entry;
            if (e.equals("*")) {
                return true;
            }
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon) {
                e = e.substring(0, colon); // host:port: the port is not compared
            }
            if (e.startsWith("*.")) {
                e = e.substring(1);
            }
            if (e.startsWith(".")) {
                if (h.endsWith(e) || h.equals(e.substring(1))) {
                    return true;
                }
            } else if (h.equals(e) || h.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    /** The {@link Proxy} for a request to {@code target}: {@link Proxy#NO_PROXY} for a direct connection. */
    public Proxy proxy(URI target) {
        URI p = proxyFor(target);
        if (p == null) {
            return Proxy.NO_PROXY;
        }
        int port = p.getPort() > 0 ? p.getPort() : 80;
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port));
    }

    /** A {@link ProxySelector} that applies this configuration (for the 2.x client library). */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy(uri));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the request fails with its own error; nothing to remember
            }
        };
    }

    /** For logs: where requests go, without anything secret (proxy URLs here carry no credentials). */
    public String describe(URI target) {
        URI p = proxyFor(target);
        return p == null ? "direct" : "via proxy " + p.getHost() + ":" + (p.getPort() > 0 ? p.getPort() : 80);
    }
}
