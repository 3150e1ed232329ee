package io.jenkins.plugins.influxforecast.steps;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Credentials of the two kinds the steps accept (test doubles of the plugins' implementations). */
final class TestCredentials {

    private TestCredentials() {
    }

    static StandardUsernamePasswordCredentials usernamePassword(String id, String username, String password) {
        return usernamePassword(id, username, password, "test");
    }

    static StandardUsernamePasswordCredentials usernamePassword(String id, String username, String password, String description) {
        return new StandardUsernamePasswordCredentials() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getDescription() {
                return description;
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
        return token(id, token, "test");
    }

    static StringCredentials token(String id, String token, String description) {
        return new StringCredentials() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getDescription() {
                return description;
            }

            @Override
            public Secret getSecret() {
                return Secret.fromString(token);
            }

            private static final long serialVersionUID = 1L;
        };
    }

    /** A credential of a kind the steps do not accept (like an SSH key or a certificate). */
    static StandardCredentials other(String id, String description) {
        return new StandardCredentials() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getDescription() {
                return description;
            }

            private static final long serialVersionUID = 1L;
        };
    }
}
