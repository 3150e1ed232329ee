package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named InfluxDB server of the global configuration: how to reach it (url, version, database or
 * org/bucket) and which credential to use. Steps refer to it with {@code server: 'influx-prod'}.
 * Never holds a secret itself: {@code credentialsId} names a Jenkins credential.
 */
public final class InfluxServer extends AbstractDescribableImpl<InfluxServer> implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final String url;
    private String influxVersion = "1";
    private String database;
    private String retentionPolicy;
    private String org;
    private String bucket;
    private String credentialsId;

    @DataBoundConstructor
    public InfluxServer(String name, String url) {
        this.name = checkName(name);
        this.url = checkUrl("url", url);
    }

    static String checkName(String name) {
        String n = StepValues.text(name);
        if (n == null) {
            throw new IllegalArgumentException("name is required: the name steps use in server: '...'");
        }
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-' (starting with a letter or digit), got '" + n + "'");
        }
        return n;
    }

    /** An http(s) URL without credentials in it; null stays null. */
    static String checkUrl(String parameter, String url) {
        String u = StepValues.arg(parameter, url);
        if (u == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter + " is not a valid URL: '" + u + "'");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(parameter + " must be an http:// or https:// URL such as http://influxdb:8086, got '" + u + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(parameter + " must not contain credentials (use credentialsId), got a URL with a user part");
        }
        return u;
    }

    static String checkVersion(String parameter, String version) {
        return StepValues.choice(parameter, version, "1", "2", "3");
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getInfluxVersion() {
        return influxVersion;
    }

    @DataBoundSetter
    public void setInfluxVersion(String influxVersion) {
        String v = checkVersion("influxVersion", influxVersion);
        this.influxVersion = v == null ? "1" : v;
    }

    public String getDatabase() {
        return database;
    }

    @DataBoundSetter
    public void setDatabase(String database) {
        this.database = StepValues.arg("database", database);
    }

    public String getRetentionPolicy() {
        return retentionPolicy;
    }

    @DataBoundSetter
    public void setRetentionPolicy(String retentionPolicy) {
        this.retentionPolicy = StepValues.arg("retentionPolicy", retentionPolicy);
    }

    public String getOrg() {
        return org;
    }

    @DataBoundSetter
    public void setOrg(String org) {
        this.org = StepValues.arg("org", org);
    }

    public String getBucket() {
        return bucket;
    }

    @DataBoundSetter
    public void setBucket(String bucket) {
        this.bucket = StepValues.arg("bucket", bucket);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    /** The engine connection options this server sets (keyed by option name). */
    Map<String, Object> connectionValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("influxVersion", influxVersion);
        m.put("database", database);
        m.put("retentionPolicy", retentionPolicy);
        m.put("org", org);
        m.put("bucket", bucket);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private static final long serialVersionUID = 1L;

    /** The form of a server in Manage Jenkins &gt; System, and its symbol for Configuration as Code. */
    @Extension
    @Symbol("influxServer")
    public static final class DescriptorImpl extends Descriptor<InfluxServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return StepMessages.get("InfluxServer.DisplayName");
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return StepChecks.check(() -> checkName(value));
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return StepChecks.required("url", value, v -> checkUrl("url", v));
        }

        /** The credentials drop-down of the server form (see {@link CredentialsField#fill}). */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String url,
                                                     @QueryParameter String credentialsId) {
            return CredentialsField.fill(item, url, credentialsId);
        }

        /** Warns when the ID is not a username/password or secret text credential usable here. */
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String url,
                                                   @QueryParameter String value) {
            return CredentialsField.check(item, url, value);
        }

        public ListBoxModel doFillInfluxVersionItems() {
            return StepForms.influxVersions(false);
        }

        /**
         * The "Test connection" button: whether the controller reaches the server, and a plain
         * statement that the forecast pods connect on their own. POST only and for administrators
         * (it makes the controller open a connection to a URL of the caller's choice).
         */
        @POST
        public FormValidation doTestConnection(@QueryParameter String url) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConnectionCheck.ping(url);
        }
    }
}
