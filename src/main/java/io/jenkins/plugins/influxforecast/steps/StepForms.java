package io.jenkins.plugins.influxforecast.steps;

import hudson.util.ListBoxModel;
import java.util.List;

/**
 * The drop-downs of the Snippet Generator's and the server configuration's forms. Each list of
 * fixed choices starts with an empty "(default: ...)" entry: an empty selection binds {@code ""},
 * which the setters read as the default, so a form left alone round-trips to no argument at all.
 */
final class StepForms {

    private StepForms() {
    }

    /** The configured servers by name, after a "use url instead" entry; a value no longer configured is kept. */
    static ListBoxModel servers(String current) {
        ListBoxModel m = new ListBoxModel();
        m.add("(none: give url and the connection below)", "");
        boolean found = false;
        for (InfluxServer s : InfluxForecastConfiguration.get().getServers()) {
            m.add(s.getName() + " (" + s.getUrl() + ")", s.getName());
            found |= s.getName().equals(current);
        }
        if (current != null && !current.isBlank() && !found) {
            m.add(current + " (not configured)", current);
        }
        return m;
    }

    /** A drop-down of fixed words with the engine's default first, as an empty choice. */
    static ListBoxModel choices(String defaultDescription, List<String> words) {
        ListBoxModel m = new ListBoxModel();
        m.add("(default: " + defaultDescription + ")", "");
        for (String w : words) {
            m.add(w);
        }
        return m;
    }

    /** InfluxDB versions, with the server's (or 1.x) as the default. */
    static ListBoxModel influxVersions(boolean withDefault) {
        ListBoxModel m = new ListBoxModel();
        if (withDefault) {
            m.add("(default: the server's, else 1.x)", "");
        }
        m.add("InfluxDB 1.x (InfluxQL, user/password)", "1");
        m.add("InfluxDB 2.x (Flux, org/bucket/token)", "2");
        m.add("InfluxDB 3.x (InfluxQL, token)", "3");
        return m;
    }
}
