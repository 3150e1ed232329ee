package io.jenkins.plugins.influxforecast.steps;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Credentials of the two kinds the steps accept (test doubles of the plugins' implementations). */
final class TestCredentials {

    private TestCredentials() {
    }

    static StandardUsernamePasswordCredentials usernamePassword(String id, String username, String password) {
        return new StandardUsernamePasswordCredentials() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getDescription() {
                return "test";
            }

            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public Secret getPassword() {
                return Secret.fromString(password);
            }

            private static final long serialVersionUID = 1L;
        };
    }

    static StringCredentials token(String id, String token) {
        return new StringCredentials() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getDescription() {
                return "test";
            }

            @Override
            public Secret getSecret() {
                return Secret.fromString(token);
            }

            private static final long serialVersionUID = 1L;
        };
    }
}
