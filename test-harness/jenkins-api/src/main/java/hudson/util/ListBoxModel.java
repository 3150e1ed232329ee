package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

/**
 * Shim of {@code hudson.util.ListBoxModel}: the options of a drop-down ({@code doFillXItems}). The
 * real class also implements Stapler's HttpResponse; left out.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    public ListBoxModel() {
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }

    /** One option: what is shown and what is submitted. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            this(name, value, false);
        }

        public Option(@NonNull String name) {
            this(name, name, false);
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    private static final long serialVersionUID = 1L;
}
