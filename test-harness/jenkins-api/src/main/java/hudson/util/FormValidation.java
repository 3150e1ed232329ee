package hudson.util;

/**
 * Shim of {@code hudson.util.FormValidation}: the result of a form field check ({@code doCheckX}).
 * The real class also implements Stapler's HttpResponse; left out.
 */
public abstract class FormValidation extends java.io.IOException {

    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return ok(null);
    }

    public static FormValidation ok(String message) {
        return respond(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return respond(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return respond(Kind.ERROR, message);
    }

    public static FormValidation validateRequired(String value) {
        if (value == null || value.trim().isEmpty()) {
            return error("This field is required");
        }
        return ok();
    }

    /** The message as HTML, escaped; empty for an OK without a message. */
    public abstract String renderHtml();

    private static FormValidation respond(Kind kind, String message) {
        return new FormValidation(kind, message) {
            @Override
            public String renderHtml() {
                String m = getMessage();
                if (m == null) {
                    return "<div/>";
                }
                String escaped = m.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
                return "<div class=" + kind.name().toLowerCase(java.util.Locale.ENGLISH) + ">" + escaped + "</div>";
            }

            private static final long serialVersionUID = 1L;
        };
    }

    private static final long serialVersionUID = 1L;
}
