package io.jenkins.plugins.influxforecast.hpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.influxforecast.steps.InfluxExtractStep;
import io.jenkins.plugins.influxforecast.steps.InfluxLoadStep;
import io.jenkins.plugins.influxforecast.steps.InfluxServer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The credentialsId drop-downs and checks of the server configuration and the influxExtract /
 * influxLoad Snippet Generator, against the real credentials plugin and a secured Jenkins.
 */
@WithJenkins
class CredentialsDropDownTest {

    private static final String URL = "http://influxdb:8086";

    private static List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    private static Set<String> credentialValues(ListBoxModel m) {
        Set<String> s = new TreeSet<>(values(m));
        s.remove("");
        return s;
    }

    private static ACLContext as(String user) {
        return ACL.as2(User.getById(user, true).impersonate2());
    }

    @Test
    void listsUsernamePasswordAndSecretTextCredentialsToThoseAllowed(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowJob job = j.createProject(WorkflowJob.class, "parking");
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "developer")
                .grant(Item.CONFIGURE).onItems(job).to("developer"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "influx-rw", "InfluxDB writer", "forecaster", "a-password-long-enough"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "influx-token", "InfluxDB token", Secret.fromString("a-token-value")));
        SystemCredentialsProvider.getInstance().save();

        InfluxServer.DescriptorImpl server = j.jenkins.getDescriptorByType(InfluxServer.DescriptorImpl.class);
        InfluxExtractStep.DescriptorImpl extract = j.jenkins.getDescriptorByType(InfluxExtractStep.DescriptorImpl.class);
        InfluxLoadStep.DescriptorImpl load = j.jenkins.getDescriptorByType(InfluxLoadStep.DescriptorImpl.class);
        Set<String> both = new TreeSet<>(List.of("influx-rw", "influx-token"));

        try (ACLContext ctx = as("admin")) {
            ListBoxModel m = server.doFillCredentialsIdItems(null, URL, "");
            assertEquals("", m.get(0).value);
            assertEquals(both, credentialValues(m));
            assertEquals(FormValidation.Kind.WARNING, server.doCheckCredentialsId(null, URL, "influx-typo").kind);
            assertEquals(FormValidation.Kind.OK, server.doCheckCredentialsId(null, URL, "influx-token").kind);
        }
        try (ACLContext ctx = as("developer")) {
            assertEquals(List.of("influx-rw"), values(server.doFillCredentialsIdItems(null, URL, "influx-rw")));
            ListBoxModel m = extract.doFillCredentialsIdItems(job, URL, "");
            assertEquals("", m.get(0).value);
            assertEquals(both, credentialValues(m));
            assertEquals(both, credentialValues(load.doFillCredentialsIdItems(job, URL, "influx-rw")));
            assertEquals(FormValidation.Kind.WARNING, load.doCheckCredentialsId(job, URL, "influx-typo").kind);
            assertEquals(FormValidation.Kind.OK, load.doCheckCredentialsId(job, URL, "influx-rw").kind);
        }
        try (ACLContext ctx = as("reader")) {
            assertEquals(List.of("influx-rw"), values(extract.doFillCredentialsIdItems(job, URL, "influx-rw")));
            assertEquals(FormValidation.Kind.OK, extract.doCheckCredentialsId(job, URL, "influx-typo").kind);
        }
    }
}
