package hudson.model;

/** Shim of {@code hudson.model.Action}: something attached to a model object (a build, a flow node). */
public interface Action extends ModelObject {

    String getIconFileName();

    String getUrlName();
}
