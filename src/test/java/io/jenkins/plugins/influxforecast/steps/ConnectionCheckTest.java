package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.ExtensionList;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AuthorizationStrategy;
import hudson.util.FormValidation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.Set;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** The server form's "Test connection": POST only, administrators only, and honest about the pods. */
class ConnectionCheckTest {

    private HttpServer influx;

    @BeforeEach
    void fakePing() throws Exception {
        // answers /ping as InfluxDB does: 204 with the version header (loopback only)
        influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/ping", x -> {
            x.getResponseHeaders().add("X-Influxdb-Version", "1.6.7");
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        influx.createContext("/", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        influx.start();
        Jenkins.get().setAuthorizationStrategy(new AuthorizationStrategy() {
            @Override
            public ACL getRootACL() {
                return ACL.lambda2((a, p) -> a.getName().equals("admin"));
            }

            @Override
            public Collection<String> getGroups() {
                return Set.of();
            }
        });
    }

    @AfterEach
    void stop() {
        influx.stop(0);
        Jenkins.get().setAuthorizationStrategy(null);
    }

    private static InfluxServer.DescriptorImpl descriptor() {
        return ExtensionList.lookupSingleton(InfluxServer.DescriptorImpl.class);
    }

    private String url() {
        return "http://127.0.0.1:" + influx.getAddress().getPort();
    }

    @Test
    void isAPostForAdministratorsOnly() throws Exception {
        assertThat(InfluxServer.DescriptorImpl.class.getMethod("doTestConnection", String.class).isAnnotationPresent(POST.class)).isTrue();
        try (ACLContext ctx = ACL.as2(new UsernamePasswordAuthenticationToken("configurer", "x"))) {
            assertThatThrownBy(() -> descriptor().doTestConnection(url())).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("Administer");
        }
    }

    @Test
    void reportsWhatTheControllerReachesAndThatThePodsConnectOnTheirOwn() throws Exception {
        try (ACLContext ctx = ACL.as2(new UsernamePasswordAuthenticationToken("admin", "x"))) {
            FormValidation ok = descriptor().doTestConnection(url());
            assertThat(ok.kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(ok.getMessage()).startsWith("The controller reached InfluxDB at " + url() + " (HTTP 204, version 1.6.7).")
                    .endsWith(ConnectionCheck.PODS_NOTE);

            FormValidation notInflux = descriptor().doTestConnection(url() + "/nothing");
            assertThat(notInflux.kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(notInflux.getMessage()).contains("answered HTTP 404").contains(ConnectionCheck.PODS_NOTE);

            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            FormValidation down = descriptor().doTestConnection("http://127.0.0.1:" + closed);
            assertThat(down.kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(down.getMessage()).startsWith("The controller cannot reach http://127.0.0.1:" + closed).endsWith(ConnectionCheck.PODS_NOTE);

            assertThat(descriptor().doTestConnection("ftp://x").kind).isEqualTo(FormValidation.Kind.ERROR);
        }
    }
}
