package net.sf.json;

/**
 * Shim of json-lib's {@code net.sf.json.JSONObject} (Jenkins' fork): a submitted form, as Stapler
 * hands it to {@code configure}. influx-forecast passes it on to {@code bindJSON} and uses no
 * member of it; the real class is a {@code Map<String, Object>} with many accessors.
 */
public final class JSONObject {

    private JSONObject() {
    }
}
