package io.jenkins.plugins.influxforecast.hpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.influxforecast.steps.InfluxForecastConfiguration;
import io.jenkins.plugins.influxforecast.steps.InfluxServer;
import org.junit.jupiter.api.Test;

/** The InfluxDB servers configured from YAML under unclassified.influxForecast, and exported back. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void serversComeFromConfigurationAsCode(JenkinsConfiguredWithCodeRule j) throws Exception {
        InfluxForecastConfiguration config = InfluxForecastConfiguration.get();
        assertEquals(2, config.getServers().size());
        InfluxServer prod = config.server("influx-prod");
        assertNotNull(prod);
        assertEquals("http://influxdb.monitoring:8086", prod.getUrl());
        assertEquals("parking", prod.getDatabase());
        assertEquals("autogen", prod.getRetentionPolicy());
        assertEquals("influx-forecast-rw", prod.getCredentialsId());
        InfluxServer cloud = config.server("influx-cloud");
        assertEquals("2", cloud.getInfluxVersion());
        assertEquals("ops", cloud.getOrg());
        assertEquals("forecasts", cloud.getBucket());

        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode exported = Util.getUnclassifiedRoot(context).get("influxForecast");
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("name: \"influx-prod\""), yaml);
        assertTrue(!yaml.contains("not-a-real-password"), "no secret in the exported server configuration");
    }
}
