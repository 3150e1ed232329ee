package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The influx-forecast section of Manage Jenkins &gt; System: the named InfluxDB servers steps refer
 * to. Configuration as Code:
 * <pre>
 * unclassified:
 *   influxForecast:
 *     servers:
 *       - name: influx-prod
 *         url: http://influxdb:8086
 *         database: parking
 *         credentialsId: influx-forecast-rw
 * </pre>
 */
@Extension
@Symbol("influxForecast")
public class InfluxForecastConfiguration extends GlobalConfiguration {

    private List<InfluxServer> servers = new ArrayList<>();

    public InfluxForecastConfiguration() {
        load();
    }

    /** The one instance Jenkins keeps. */
    public static InfluxForecastConfiguration get() {
        return ExtensionList.lookupSingleton(InfluxForecastConfiguration.class);
    }

    public List<InfluxServer> getServers() {
        return new ArrayList<>(servers);
    }

    /** Replaces the servers; names must be unique. */
    @DataBoundSetter
    public void setServers(List<InfluxServer> servers) {
        List<InfluxServer> list = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
        Set<String> names = new HashSet<>();
        for (InfluxServer s : list) {
            if (!names.add(s.getName())) {
                throw new IllegalArgumentException("InfluxDB server names must be unique: '" + s.getName() + "' is given twice");
            }
        }
        this.servers = list;
        save();
    }

    /** The server of that name, or null. */
    public InfluxServer server(String name) {
        for (InfluxServer s : servers) {
            if (s.getName().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Clears the list first, so removing the last server in the form removes it. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        servers = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "servers");
        }
        save();
        return true;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return StepMessages.get("InfluxForecastConfiguration.DisplayName");
    }
}
