package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Shim of the credentials plugin's {@code AbstractIdCredentialsListBoxModel}: the options of a
 * credentials drop-down, built by chaining {@code includeEmptyValue()}, {@code includeAs(...)} and
 * {@code includeCurrentValue(...)}. Only the members influx-forecast uses (and
 * {@code includeMatchingAs}, which they use) are here; the real class also has the ItemGroup
 * overloads, the include/includeMatching variants that search as the current user, the
 * deprecated with* methods and the Acegi overloads. The option labels are the plugin's English
 * messages.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {

    /** The label of a credential in the list. */
    @NonNull
    protected abstract String describe(@NonNull C c);

    /** Adds the "no credential" option (value "") first, unless there is one. */
    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        for (Option o : this) {
            if ("".equals(o.value)) {
                return this;
            }
        }
        add(0, new Option("- none -", ""));
        return this;
    }

    /**
     * Adds the credentials of {@code type} that {@code authentication} can use in {@code context}
     * (null: Jenkins itself) and that satisfy the domain requirements.
     */
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication, @Nullable Item context,
                                                             @NonNull Class<? extends C> type,
                                                             @NonNull List<DomainRequirement> domainRequirements) {
        return includeMatchingAs(authentication, context, type, domainRequirements, c -> true);
    }

    /** As {@link #includeAs(Authentication, Item, Class, List)}, keeping only what {@code matcher} matches. */
    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(@NonNull Authentication authentication, @Nullable Item context,
                                                                     @NonNull Class<? extends C> type,
                                                                     @NonNull List<DomainRequirement> domainRequirements,
                                                                     @NonNull CredentialsMatcher matcher) {
        addMissing(CredentialsProvider.listCredentialsInItem(type, context, authentication, domainRequirements, matcher));
        return this;
    }

    /**
     * Keeps the current value selectable (so a user who cannot see the credential can still save
     * the form unchanged): adds it, labelled "- current -", unless it is already an option; an
     * empty value adds the empty option.
     */
    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        for (Option o : this) {
            if (value.equals(o.value)) {
                return this;
            }
        }
        int index = isEmpty() ? 0 : "".equals(get(0).value) ? 1 : 0;
        add(index, new Option("- current -", value));
        return this;
    }

    /** Appends the options whose value is not there yet. */
    public boolean addMissing(@NonNull Collection<? extends Option> c) {
        Set<String> existing = new HashSet<>();
        for (Option o : this) {
            existing.add(o.value);
        }
        boolean changed = false;
        for (Option o : c) {
            if (existing.add(o.value)) {
                add(o);
                changed = true;
            }
        }
        return changed;
    }

    private static final long serialVersionUID = 1L;
}
