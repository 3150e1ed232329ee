package io.jenkins.plugins.influxforecast.steps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The {@code credentialsId} drop-down and its check, shared by the server configuration and the
 * {@code influxExtract}/{@code influxLoad} Snippet Generator forms: the username/password and
 * secret text credentials (the two kinds {@link InfluxAccess} resolves) that the job, or Jenkins
 * for the global configuration, can use with the server's URL. Only a user who may configure the
 * context sees the list (an administrator for the global configuration; on a job, Item/ExtendedRead
 * or Credentials/UseItem); anyone else gets the current value only, so credential names and IDs are
 * not disclosed and the form still saves unchanged. Never a secret: options are labels and IDs.
 */
final class CredentialsField {

    /** The credential types a step can use, in the order {@link InfluxAccess} tries them. */
    private static final List<Class<? extends StandardCredentials>> TYPES =
            List.of(StandardUsernamePasswordCredentials.class, StringCredentials.class);

    private CredentialsField() {
    }

    /**
     * The drop-down's options: empty first ("- none -": the server's credential, or none), then the
     * usable credentials, and the current value even when it is not among them.
     *
     * @param item          the job whose form it is, or null on the global configuration page
     * @param url           the InfluxDB URL of the form (blank: no domain restriction)
     * @param credentialsId the current value
     */
    static ListBoxModel fill(Item item, String url, String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId.trim();
        if (!mayList(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        Authentication as = authentication(item);
        List<DomainRequirement> requirements = requirements(url);
        result.includeEmptyValue();
        for (Class<? extends StandardCredentials> type : TYPES) {
            result.includeAs(as, item, type, requirements);
        }
        result.includeCurrentValue(current);
        return result;
    }

    /**
     * OK for an empty value (the server's credential, or none) or one that resolves to a
     * username/password or secret text credential usable here; a warning otherwise (the ID may
     * still resolve at run time, e.g. in a folder the form cannot see). Users who may not list
     * credentials learn nothing: OK.
     */
    static FormValidation check(Item item, String url, String value) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = StepValues.text(value);
        if (id == null) {
            return FormValidation.ok();
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning("credentialsId '" + id + "' is an expression; it can only be checked when the build runs");
        }
        Authentication as = authentication(item);
        List<DomainRequirement> requirements = requirements(url);
        CredentialsMatcher withId = CredentialsMatchers.withId(id);
        for (Class<? extends StandardCredentials> type : TYPES) {
            if (!CredentialsProvider.listCredentialsInItem(type, item, as, requirements, withId).isEmpty()) {
                return FormValidation.ok();
            }
        }
        String shown = shownUrl(url);
        String where = shown == null ? "" : " for " + shown;
        return FormValidation.warning("credentialsId '" + id + "': no username/password or secret text credential with that ID"
                + " is available here" + where + "; the step will fail unless the build can see one");
    }

    /** The permission checks the credentials plugin recommends before listing credentials. */
    static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Whom builds of the item run as (what the step's lookup will see); SYSTEM for Jenkins itself. */
    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2;
    }

    /** The URL for a message: without a user part (never echo a password typed into the URL); null if none. */
    private static String shownUrl(String url) {
        String u = StepValues.text(url);
        if (u == null) {
            return null;
        }
        try {
            URI uri = new URI(u);
            if (uri.getRawUserInfo() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            }
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<DomainRequirement> requirements(String url) {
        return URIRequirementBuilder.fromUri(StepValues.text(url)).build();
    }
}
