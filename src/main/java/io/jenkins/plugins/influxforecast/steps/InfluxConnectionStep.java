package io.jenkins.plugins.influxforecast.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters {@code influxExtract} and {@code influxLoad} share: which InfluxDB ({@code server}
 * from the global configuration and/or the connection options of the engine), which credential,
 * and how the engine process runs.
 */
public abstract class InfluxConnectionStep extends Step {

    private String server;
    private String credentialsId;
    private String url;
    private String influxVersion;
    private String database;
    private String retentionPolicy;
    private String org;
    private String bucket;
    private String username;
    private String caFile;
    private String proxy;
    private String connectTimeout;
    private String timeout;
    private Integer retries;
    private String retryBackoff;
    final LaunchOptions launch = new LaunchOptions();

    public String getServer() {
        return server;
    }

    /** A server name from Manage Jenkins &gt; System &gt; influx-forecast. */
    @DataBoundSetter
    public void setServer(String server) {
        String s = StepValues.text(server);
        this.server = s == null ? null : InfluxServer.checkName(s);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A username/password or secret text credential; default: the server's. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = InfluxServer.checkUrl("url", url);
    }

    public String getInfluxVersion() {
        return influxVersion;
    }

    @DataBoundSetter
    public void setInfluxVersion(String influxVersion) {
        this.influxVersion = InfluxServer.checkVersion("influxVersion", influxVersion);
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

    public String getUsername() {
        return username;
    }

    /** A 1.x user name on the command line; prefer credentialsId, which also carries the password. */
    @DataBoundSetter
    public void setUsername(String username) {
        this.username = StepValues.arg("username", username);
    }

    public String getCaFile() {
        return caFile;
    }

    @DataBoundSetter
    public void setCaFile(String caFile) {
        this.caFile = StepValues.arg("caFile", caFile);
    }

    public String getProxy() {
        return proxy;
    }

    @DataBoundSetter
    public void setProxy(String proxy) {
        this.proxy = StepValues.arg("proxy", proxy);
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = duration("connectTimeout", connectTimeout);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = duration("timeout", timeout);
    }

    public Integer getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(Integer retries) {
        this.retries = StepValues.atLeast("retries", retries, 0);
    }

    public String getRetryBackoff() {
        return retryBackoff;
    }

    @DataBoundSetter
    public void setRetryBackoff(String retryBackoff) {
        this.retryBackoff = duration("retryBackoff", retryBackoff);
    }

    public int getMaxRamPercentage() {
        return launch.maxRamPercentage();
    }

    @DataBoundSetter
    public void setMaxRamPercentage(Integer maxRamPercentage) {
        launch.maxRamPercentage(maxRamPercentage);
    }

    public int getTimeoutMinutes() {
        return launch.timeoutMinutes();
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        launch.timeoutMinutes(timeoutMinutes);
    }

    public String getInstalledEngine() {
        return launch.installedEngine();
    }

    @DataBoundSetter
    public void setInstalledEngine(String installedEngine) {
        launch.installedEngine(installedEngine);
    }

    static String duration(String parameter, String value) {
        String v = StepValues.arg(parameter, value);
        if (v != null) {
            io.jenkins.plugins.influxforecast.influx.Durations.parse(parameter, v);
        }
        return v;
    }

    /** The connection options the step itself gives (null = not given). */
    Map<String, Object> stepConnection() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("influxVersion", influxVersion);
        m.put("database", database);
        m.put("retentionPolicy", retentionPolicy);
        m.put("org", org);
        m.put("bucket", bucket);
        m.put("username", username);
        m.put("caFile", caFile);
        m.put("proxy", proxy);
        m.put("connectTimeout", connectTimeout);
        m.put("timeout", timeout);
        m.put("retries", retries);
        m.put("retryBackoff", retryBackoff);
        return m;
    }

    /** Fails unless the step can find its InfluxDB: a server or a url. */
    void checkConnection() {
        if (server == null && url == null) {
            throw new IllegalArgumentException("give server (a name from Manage Jenkins > System > influx-forecast) or url");
        }
    }
}
