package hudson.model;

/** Shim of {@code hudson.model.ModelObject}: an object with a name shown to users. */
public interface ModelObject {

    String getDisplayName();
}
