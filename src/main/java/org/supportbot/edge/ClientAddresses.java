package org.supportbot.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which address a request came from, for per-client limits. The peer's address, unless
 * {@code supportbot.limits.behind-proxy=true}: then {@code X-Forwarded-For} is read from the right
 * (the end the proxies append to) and the first address that is not a proxy's — not loopback,
 * private or link-local — is the client's. What a client writes into the header itself stays to
 * the left of that and is never used. Thread-safe.
 */
public final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    // Only literal addresses are parsed: InetAddress would look a host name up in DNS.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean behindProxy;

    ClientAddresses(boolean behindProxy) {
        this.behindProxy = behindProxy;
    }

    /** The client's address as text; never null. */
    public String of(HttpServletRequest request) {
        var peer = request.getRemoteAddr();
        if (!behindProxy || !trusted(peer)) {
            return peer;
        }
        var hops = new ArrayList<String>();
        for (var header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (var hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return firstUntrusted(hops, peer);
    }

    private static String firstUntrusted(List<String> hops, String peer) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** A proxy of ours: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) or link-local. */
    static boolean trusted(String address) {
        try {
            InetAddress ip;
            if (IPV4.matcher(address).matches()) {
                var bytes = new byte[4];
                var parts = address.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return false;
                    }
                    bytes[i] = (byte) octet;
                }
                ip = InetAddress.getByAddress(bytes);
            } else if (IPV6.matcher(address).matches()) {
                ip = InetAddress.getByName(address); // with a colon it is parsed as IPv6 or refused, never looked up
            } else {
                return false;
            }
            return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                    || (ip instanceof Inet6Address && (ip.getAddress()[0] & 0xFE) == 0xFC);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
