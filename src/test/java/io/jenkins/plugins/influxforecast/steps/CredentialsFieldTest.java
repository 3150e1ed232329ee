package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The credentialsId drop-down and check of the server form and the influxExtract/influxLoad
 * Snippet Generator forms, against the global credentials store and an authorization strategy
 * that grants permissions per user (an implied permission counts, as in Jenkins' matrix).
 */
class CredentialsFieldTest {

    private static final String URL = "http://influxdb:8086";

    private static final Authentication ADMIN = user("admin");
    private static final Authentication READER = user("reader");
    private static final Authentication CONFIGURER = user("configurer");
    private static final Authentication USER_OF_CREDENTIALS = user("credentials-user");
    private static final Authentication BUILD_USER = user("build-user");

    private static final Map<String, Set<Permission>> GRANTS = Map.of(
            "admin", Set.of(Jenkins.ADMINISTER),
            "configurer", Set.of(Item.CONFIGURE),
            "credentials-user", Set.of(CredentialsProvider.USE_ITEM));

    @BeforeEach
    void store() {
        List<com.cloudbees.plugins.credentials.Credentials> store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(TestCredentials.usernamePassword("influx-rw", "forecaster", "pa55word", "InfluxDB writer"));
        store.add(TestCredentials.token("influx-token", "t0ken-value", ""));
        store.add(TestCredentials.other("deploy-ssh-key", "SSH key of the deployer"));
        Jenkins.get().setAuthorizationStrategy(new GrantingStrategy());
    }

    @AfterEach
    void clear() {
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        Jenkins.get().setAuthorizationStrategy(null);
        SecurityContextHolder.clearContext();
    }

    private static Authentication user(String name) {
        return new UsernamePasswordAuthenticationToken(name, "password of " + name);
    }

    /** Grants each user the permissions of {@link #GRANTS}, and whatever those imply. */
    private static final class GrantingStrategy extends AuthorizationStrategy {
        @Override
        public ACL getRootACL() {
            return ACL.lambda2((a, p) -> {
                Set<Permission> granted = GRANTS.getOrDefault(a.getName(), Set.of());
                if (granted.contains(Jenkins.ADMINISTER)) {
                    return true;
                }
                for (Permission q = p; q != null; q = q.impliedBy) {
                    if (granted.contains(q)) {
                        return true;
                    }
                }
                return false;
            });
        }

        @Override
        public Collection<String> getGroups() {
            return Set.of();
        }
    }

    /** A Pipeline-like job: schedulable, its builds run as {@code runsAs}. */
    private static final class PipelineJob extends Job<PipelineJob, PipelineRun> implements Queue.Task {
        private final Authentication runsAs;

        PipelineJob(String name, Authentication runsAs) {
            super(null, name);
            this.runsAs = runsAs;
        }

        @Override
        public Authentication getDefaultAuthentication2() {
            return runsAs;
        }
    }

    /** A build of a {@link PipelineJob} (only there to complete the job's type). */
    private static final class PipelineRun extends Run<PipelineJob, PipelineRun> {
        PipelineRun(PipelineJob job) {
            super(job, 0L);
        }
    }

    private static final Item JOB = new PipelineJob("parking", ACL.SYSTEM2);

    private static ListBoxModel serverFill(String url, String current) {
        return ExtensionList.lookupSingleton(InfluxServer.DescriptorImpl.class).doFillCredentialsIdItems(null, url, current);
    }

    private static FormValidation serverCheck(String url, String value) {
        return ExtensionList.lookupSingleton(InfluxServer.DescriptorImpl.class).doCheckCredentialsId(null, url, value);
    }

    private static ListBoxModel extractFill(Item item, String current) {
        return ExtensionList.lookupSingleton(InfluxExtractStep.DescriptorImpl.class).doFillCredentialsIdItems(item, URL, current);
    }

    private static ListBoxModel loadFill(Item item, String current) {
        return ExtensionList.lookupSingleton(InfluxLoadStep.DescriptorImpl.class).doFillCredentialsIdItems(item, URL, current);
    }

    private static List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    private static List<String> names(ListBoxModel m) {
        return m.stream().map(o -> o.name).toList();
    }

    @Test
    void anAdministratorSeesTheEmptyValueThenTheUsernamePasswordAndSecretTextCredentials() {
        try (ACLContext ctx = ACL.as2(ADMIN)) {
            ListBoxModel m = serverFill(URL, "");
            assertThat(values(m)).containsExactly("", "influx-rw", "influx-token");
            assertThat(names(m)).containsExactly("- none -", "InfluxDB writer", "influx-token");
            assertThat(String.join(" ", names(m)) + " " + String.join(" ", values(m))).doesNotContain("pa55word", "t0ken-value");
        }
    }

    @Test
    void theCurrentValueIsKeptOnceAndAnUnknownOneStaysSelectable() {
        try (ACLContext ctx = ACL.as2(ADMIN)) {
            assertThat(values(serverFill(URL, "influx-token"))).containsExactly("", "influx-rw", "influx-token");
            ListBoxModel m = serverFill(URL, " removed-credential ");
            assertThat(values(m)).containsExactly("", "removed-credential", "influx-rw", "influx-token");
            assertThat(m.get(1).name).isEqualTo("- current -");
        }
    }

    @Test
    void aUserWhoMayNotAdministerGetsOnlyTheCurrentValueOnTheGlobalConfiguration() {
        try (ACLContext ctx = ACL.as2(CONFIGURER)) {
            ListBoxModel m = serverFill(URL, "influx-rw");
            assertThat(values(m)).containsExactly("influx-rw");
            assertThat(names(m)).containsExactly("- current -");
            assertThat(values(serverFill(URL, ""))).containsExactly("");
        }
        try (ACLContext ctx = ACL.as2(Jenkins.ANONYMOUS2)) {
            assertThat(values(serverFill(URL, null))).containsExactly("");
        }
    }

    @Test
    void onAJobTheListNeedsExtendedReadOrUseItem() {
        try (ACLContext ctx = ACL.as2(READER)) {
            assertThat(values(extractFill(JOB, "influx-rw"))).containsExactly("influx-rw");
            assertThat(values(loadFill(JOB, ""))).containsExactly("");
        }
        try (ACLContext ctx = ACL.as2(CONFIGURER)) {
            assertThat(values(extractFill(JOB, ""))).containsExactly("", "influx-rw", "influx-token");
            assertThat(values(loadFill(JOB, "influx-rw"))).containsExactly("", "influx-rw", "influx-token");
        }
        try (ACLContext ctx = ACL.as2(USER_OF_CREDENTIALS)) {
            assertThat(values(loadFill(JOB, ""))).containsExactly("", "influx-rw", "influx-token");
        }
    }

    @Test
    void aJobListsWhatItsBuildsCanUse() {
        Item runsAsUser = new PipelineJob("restricted", BUILD_USER);
        try (ACLContext ctx = ACL.as2(CONFIGURER)) {
            assertThat(values(extractFill(runsAsUser, "influx-rw"))).containsExactly("", "influx-rw");
            assertThat(names(extractFill(runsAsUser, "influx-rw"))).containsExactly("- none -", "- current -");
        }
    }

    @Test
    void theCheckWarnsWhenTheIdDoesNotResolveToAUsableCredential() {
        try (ACLContext ctx = ACL.as2(ADMIN)) {
            FormValidation unknown = serverCheck(URL, "influx-typo");
            assertThat(unknown.kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(unknown.getMessage()).isEqualTo("credentialsId 'influx-typo': no username/password or secret text credential"
                    + " with that ID is available here for http://influxdb:8086; the step will fail unless the build can see one");
            assertThat(serverCheck("http://reader:hunter2@influxdb:8086/x", "influx-typo").getMessage())
                    .contains("for http://influxdb:8086/x;").doesNotContain("hunter2");
            assertThat(serverCheck(URL, "deploy-ssh-key").kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(serverCheck(URL, "${INFLUX_CREDENTIALS}").kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(serverCheck(URL, "influx-rw").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(serverCheck(URL, " influx-token ").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(serverCheck(URL, "").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (ACLContext ctx = ACL.as2(CONFIGURER)) {
            InfluxLoadStep.DescriptorImpl load = ExtensionList.lookupSingleton(InfluxLoadStep.DescriptorImpl.class);
            InfluxExtractStep.DescriptorImpl extract = ExtensionList.lookupSingleton(InfluxExtractStep.DescriptorImpl.class);
            assertThat(load.doCheckCredentialsId(JOB, "", "nope").kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(load.doCheckCredentialsId(JOB, "", "nope").getMessage()).endsWith("is available here; the step will fail unless the build can see one");
            assertThat(extract.doCheckCredentialsId(JOB, URL, "influx-rw").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(extract.doCheckCredentialsId(new PipelineJob("restricted", BUILD_USER), URL, "influx-rw").kind)
                    .isEqualTo(FormValidation.Kind.WARNING);
        }
    }

    @Test
    void theCheckTellsAnUnauthorisedUserNothing() {
        try (ACLContext ctx = ACL.as2(READER)) {
            assertThat(serverCheck(URL, "influx-typo").kind).isEqualTo(FormValidation.Kind.OK);
            InfluxExtractStep.DescriptorImpl extract = ExtensionList.lookupSingleton(InfluxExtractStep.DescriptorImpl.class);
            assertThat(extract.doCheckCredentialsId(JOB, URL, "influx-typo").kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void withoutSecurityEveryoneMayList() {
        Jenkins.get().setAuthorizationStrategy(null);
        assertThat(values(serverFill(URL, ""))).containsExactly("", "influx-rw", "influx-token");
        assertThat(values(extractFill(JOB, ""))).containsExactly("", "influx-rw", "influx-token");
    }
}
