package org.supportbot.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTests {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        var request = new MockHttpServletRequest("POST", "/api/chat");
        request.setRemoteAddr(peer);
        for (var header : forwardedFor) {
            request.addHeader(ClientAddresses.FORWARDED_FOR, header);
        }
        return request;
    }

    @Test
    void ignoresForwardedForUnlessBehindAProxy() {
        var addresses = new ClientAddresses(false);

        assertThat(addresses.of(from("127.0.0.1", "203.0.113.9"))).isEqualTo("127.0.0.1");
    }

    @Test
    void behindAProxyTakesTheFirstAddressFromTheRightThatIsNotAProxy() {
        var addresses = new ClientAddresses(true);

        // The client wrote 1.2.3.4 itself; the proxies appended the real address and their own.
        assertThat(addresses.of(from("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1"))).isEqualTo("198.51.100.7");
        assertThat(addresses.of(from("127.0.0.1", "1.2.3.4", "198.51.100.8"))).isEqualTo("198.51.100.8");
        assertThat(addresses.of(from("::1", "2001:db8::5, fd00::1"))).isEqualTo("2001:db8::5");
    }

    @Test
    void aPeerThatIsNoProxyOfOursCannotChooseItsAddress() {
        var addresses = new ClientAddresses(true);

        assertThat(addresses.of(from("198.51.100.20", "10.1.1.1"))).isEqualTo("198.51.100.20");
    }

    @Test
    void withOnlyProxiesOrNoHeaderFallsBackToTheLeftmostOrThePeer() {
        var addresses = new ClientAddresses(true);

        assertThat(addresses.of(from("127.0.0.1", "192.168.1.5, 10.0.0.1"))).isEqualTo("192.168.1.5");
        assertThat(addresses.of(from("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void namesAndMalformedAddressesAreNeverTrustedNorLookedUp() {
        assertThat(ClientAddresses.trusted("localhost")).isFalse();
        assertThat(ClientAddresses.trusted("999.0.0.1")).isFalse();
        assertThat(ClientAddresses.trusted("10.0.0")).isFalse();
        assertThat(ClientAddresses.trusted("fe80::zz")).isFalse();
        assertThat(ClientAddresses.trusted("10.20.30.40")).isTrue();
        assertThat(ClientAddresses.trusted("172.16.0.1")).isTrue();
        assertThat(ClientAddresses.trusted("172.32.0.1")).isFalse();
        assertThat(ClientAddresses.trusted("fc00::1")).isTrue();
    }
}
