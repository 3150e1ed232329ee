package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shim of the credentials plugin's {@code URIRequirementBuilder}: the domain requirements of a
 * URL. The real builder makes a SchemeRequirement, HostnameRequirement, HostnamePortRequirement
 * and PathRequirement; the shim's credentials store has only the global domain, which satisfies
 * every requirement, so the shim keeps one requirement per part without modelling the parts.
 */
public class URIRequirementBuilder {

    private final List<DomainRequirement> requirements;

    private URIRequirementBuilder(@NonNull List<DomainRequirement> requirements) {
        this.requirements = new ArrayList<>(requirements);
    }

    @NonNull
    public static URIRequirementBuilder create() {
        return new URIRequirementBuilder(Collections.emptyList());
    }

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        return create().withUri(uri);
    }

    /** Replaces the requirements with those of the URI (none for null or an unparseable URI). */
    @NonNull
    public URIRequirementBuilder withUri(@CheckForNull String uri) {
        requirements.clear();
        if (uri != null) {
            try {
                URI u = new URI(uri);
                for (Object part : new Object[] {u.getScheme(), u.getHost(), u.getPath()}) {
                    if (part != null && !part.toString().isEmpty()) {
                        requirements.add(new DomainRequirement());
                    }
                }
            } catch (URISyntaxException e) {
                // no requirements, as in the credentials plugin
            }
        }
        return this;
    }

    @NonNull
    public List<DomainRequirement> build() {
        return new ArrayList<>(requirements);
    }
}
