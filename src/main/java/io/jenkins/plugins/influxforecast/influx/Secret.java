package io.jenkins.plugins.influxforecast.influx;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A password or token. It prints as {@code ****} everywhere (toString, records that hold it, log
 * lines, exception messages); only {@link #reveal()} gives the text, and only the code that builds
 * the {@code Authorization} header calls it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret, or null for null or empty text. */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /**
     * Every form in which credentials may travel, and so come back in a server's echo: the raw
     * password and token, {@code user:password}, its Base64 (the Basic header), and each of these
     * URL-encoded (upper- and lower-case hex, {@code +} and {@code %20} for a space) and
     * JSON-escaped. Longest first, so that {@link #scrub} replaces whole forms before their parts.
     * The build-log masking of the steps uses the same list.
     */
    public static List<String> forms(String username, Secret password, Secret token) {
        Set<String> raw = new LinkedHashSet<>();
        if (password != null) {
            raw.add(password.value);
            String pair = (username == null ? "" : username) + ":" + password.value;
            raw.add(pair);
            raw.add(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            raw.add(Base64.getUrlEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (token != null) {
            raw.add(token.value);
            raw.add(Base64.getEncoder().encodeToString(token.value.getBytes(StandardCharsets.UTF_8)));
        }
        Set<String> all = new LinkedHashSet<>();
        for (String r : raw) {
            all.add(r);
            String url = URLEncoder.encode(r, StandardCharsets.UTF_8);
            all.add(url);
            all.add(url.replace("+", "%20"));
            all.add(lowerHex(url));
            all.add(lowerHex(url.replace("+", "%20")));
            all.add(jsonEscaped(r, false));
            all.add(jsonEscaped(r, true));
        }
        all.removeIf(String::isEmpty);
        List<String> out = new ArrayList<>(all);
        out.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(out);
    }

    /** The text with every occurrence of each form replaced by {@code ****} (null stays null). */
    public static String scrub(String text, Collection<String> forms) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String f : forms) {
            if (out.contains(f)) {
                out = out.replace(f, "****");
            }
        }
        return out;
    }

    private static String lowerHex(String urlEncoded) {
        StringBuilder sb = new StringBuilder(urlEncoded.length());
        for (int i = 0; i < urlEncoded.length(); i++) {
            char c = urlEncoded.charAt(i);
            sb.append(c);
            if (c == '%' && i + 2 < urlEncoded.length()) {
                sb.append(urlEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return sb.toString();
    }

    /** As a JSON string's content: quote, backslash and control characters escaped, with {@code htmlSafe} also {@code < > &} as Go's encoder does. */
    private static String jsonEscaped(String s, boolean htmlSafe) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&' -> sb.append(htmlSafe ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
