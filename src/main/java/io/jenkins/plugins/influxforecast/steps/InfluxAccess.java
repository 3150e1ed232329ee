package io.jenkins.plugins.influxforecast.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.influxforecast.influx.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves, on the controller, where a step's InfluxDB is and with which secret: the named server
 * of the global configuration (if any) overridden by the step's own connection parameters, and
 * the Jenkins credential named by {@code credentialsId} (the step's, else the server's). Secrets
 * only ever go into the engine's environment: {@code INFLUX_USERNAME} and {@code INFLUX_PASSWORD}
 * from a username/password credential, {@code INFLUX_TOKEN} from a secret text.
 */
final class InfluxAccess {

    static final String ENV_USERNAME = "INFLUX_USERNAME";
    static final String ENV_PASSWORD = "INFLUX_PASSWORD";
    static final String ENV_TOKEN = "INFLUX_TOKEN";

    private InfluxAccess() {
    }

    /**
     * @param connectionValues engine option values (url, database, ...); the server's values fill
     *                         what the step did not give
     * @param secretEnv        the environment variables holding secrets
     * @param masked           every form of the secrets in use, to mask in the log (influx {@link Secret#forms})
     * @param description      where and how, for the log (no secret)
     */
    record Resolved(Map<String, Object> connectionValues, Map<String, String> secretEnv, List<String> masked,
                    String description) {
    }

    static Resolved resolve(String serverName, Map<String, Object> stepConnection, String stepCredentialsId, Run<?, ?> run)
            throws AbortException {
        Map<String, Object> values = new LinkedHashMap<>();
        String credentialsId = stepCredentialsId;
        if (serverName != null) {
            InfluxServer server = InfluxForecastConfiguration.get().server(serverName);
            if (server == null) {
                List<String> names = new ArrayList<>();
                InfluxForecastConfiguration.get().getServers().forEach(s -> names.add(s.getName()));
                throw new AbortException("server '" + serverName + "' is not configured in Manage Jenkins > System > influx-forecast"
                        + " (configured: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
            values.putAll(server.connectionValues());
            if (credentialsId == null) {
                credentialsId = server.getCredentialsId();
            }
        }
        for (Map.Entry<String, Object> e : stepConnection.entrySet()) {
            if (e.getValue() != null) {
                values.put(e.getKey(), e.getValue());
            }
        }
        if (values.get("url") == null) {
            throw new AbortException("give server (a name from Manage Jenkins > System > influx-forecast) or url");
        }
        Map<String, String> env = new LinkedHashMap<>();
        List<String> masked = new ArrayList<>();
        String auth = "no credentials";
        if (credentialsId != null) {
            StandardUsernamePasswordCredentials up = CredentialsProvider.findCredentialById(credentialsId, StandardUsernamePasswordCredentials.class, run);
            if (up != null) {
                CredentialsProvider.track(run, up);
                env.put(ENV_USERNAME, up.getUsername());
                env.put(ENV_PASSWORD, up.getPassword().getPlainText());
                masked.addAll(Secret.forms(up.getUsername(), Secret.ofNullable(up.getPassword().getPlainText()), null));
                if (up.isUsernameSecret()) {
                    masked.addAll(Secret.forms(null, null, Secret.ofNullable(up.getUsername())));
                }
                auth = "username/password credential '" + credentialsId + "'";
            } else {
                StringCredentials token = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
                if (token == null) {
                    throw new AbortException("credentialsId '" + credentialsId + "': no username/password or secret text credential"
                            + " with that ID is available to this build");
                }
                CredentialsProvider.track(run, token);
                env.put(ENV_TOKEN, token.getSecret().getPlainText());
                masked.addAll(Secret.forms(null, null, Secret.ofNullable(token.getSecret().getPlainText())));
                auth = "token credential '" + credentialsId + "'";
            }
        }
        String where = values.get("url") + " (InfluxDB " + values.getOrDefault("influxVersion", "1") + ".x"
                + (serverName != null ? ", server '" + serverName + "'" : "") + ") with " + auth;
        return new Resolved(values, env, masked, where);
    }
}
