package io.jenkins.plugins.influxforecast.steps;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every form in which a credential in use may show up in the engine's output, so that the build log
 * and the archived engine log mask all of them: the raw secret, its URL-encoded form (a query string
 * {@code p=...}), and for a user name and password the HTTP Basic value {@code base64(user:password)}
 * (also URL-safe and without padding). A {@code Token}/{@code Bearer} header carries the raw token,
 * which is masked as such. Longest first, so that a form containing another is replaced whole.
 */
final class SecretForms {

    private SecretForms() {
    }

    /**
     * @param username the user name of a username/password credential, or null
     * @param password its password, or null
     * @param token    a secret text (InfluxDB 2.x/3.x token), or null
     */
    static List<String> of(String username, String password, String token) {
        Set<String> out = new LinkedHashSet<>();
        for (String secret : new String[] {password, token}) {
            if (secret != null && !secret.isEmpty()) {
                out.add(secret);
                out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
                out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        if (password != null && !password.isEmpty()) {
            byte[] basic = ((username == null ? "" : username) + ":" + password).getBytes(StandardCharsets.UTF_8);
            out.add(Base64.getEncoder().encodeToString(basic));
            out.add(Base64.getEncoder().withoutPadding().encodeToString(basic));
            out.add(Base64.getUrlEncoder().encodeToString(basic));
            out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(basic));
        }
        List<String> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return sorted;
    }
}
