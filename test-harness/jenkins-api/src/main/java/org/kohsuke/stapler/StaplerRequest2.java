package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/**
 * Shim of Stapler's {@code StaplerRequest2} (the jakarta.servlet form of the request): only the
 * data binding influx-forecast uses. The real interface extends HttpServletRequest.
 */
public interface StaplerRequest2 {

    /** Sets the bean's {@code @DataBoundSetter} properties from the submitted form. */
    void bindJSON(Object bean, JSONObject src);
}
