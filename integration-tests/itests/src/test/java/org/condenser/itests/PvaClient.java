package org.condenser.itests;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.epics.pvaccess.ClientFactory;
import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelGet;
import org.epics.pvaccess.client.ChannelGetRequester;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelProviderRegistryFactory;
import org.epics.pvaccess.client.ChannelPut;
import org.epics.pvaccess.client.ChannelPutRequester;
import org.epics.pvaccess.client.ChannelRequester;
import org.epics.pvdata.copy.CreateRequest;
import org.epics.pvdata.factory.PVDataFactory;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;

/**
 * A pvAccess client from the independent EPICS implementation ({@code org.epics:epics-pvaccess}),
 * searching on loopback only: get, put and monitor, each waited for with a time limit.
 */
final class PvaClient implements AutoCloseable {

    private static final long SECONDS = 20;
    private final ChannelProvider provider;

    PvaClient() {
        // search 127.0.0.1 only, never the network's broadcast addresses
        System.setProperty("EPICS_PVA_ADDR_LIST", "127.0.0.1");
        System.setProperty("EPICS_PVA_AUTO_ADDR_LIST", "NO");
        ClientFactory.start();
        provider = ChannelProviderRegistryFactory.getChannelProviderRegistry().getProvider(ClientFactory.PROVIDER_NAME);
    }

    private abstract static class Named {
        public String getRequesterName() {
            return "condenser-itest";
        }

        public void message(String message, MessageType type) {
        }
    }

    Channel connect(String name) throws Exception {
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        class Requester extends Named implements ChannelRequester {
            @Override
            public void channelCreated(Status status, Channel channel) {
                if (!status.isSuccess()) {
                    connected.completeExceptionally(new AssertionError(name + ": " + status.getMessage()));
                }
            }

            @Override
            public void channelStateChange(Channel channel, Channel.ConnectionState state) {
                if (state == Channel.ConnectionState.CONNECTED) {
                    connected.complete(channel);
                }
            }
        }
        provider.createChannel(name, new Requester(), ChannelProvider.PRIORITY_DEFAULT);
        return connected.get(SECONDS, TimeUnit.SECONDS);
    }

    PVStructure get(String name) throws Exception {
        Channel channel = connect(name);
        try {
            CompletableFuture<PVStructure> done = new CompletableFuture<>();
            class Requester extends Named implements ChannelGetRequester {
                @Override
                public void channelGetConnect(Status status, ChannelGet get, Structure structure) {
                    if (status.isSuccess()) {
                        get.get();
                    } else {
                        done.completeExceptionally(new AssertionError(name + ": " + status.getMessage()));
                    }
                }

                @Override
                public void getDone(Status status, ChannelGet get, PVStructure value, BitSet changed) {
                    if (status.isSuccess()) {
                        // the structure itself: this library's copy of it fails on an NTNDArray's union
                        done.complete(value);
                    } else {
                        done.completeExceptionally(new AssertionError(name + ": " + status.getMessage()));
                    }
                }
            }
            channel.createChannelGet(new Requester(), CreateRequest.create().createRequest("field()"));
            return done.get(SECONDS, TimeUnit.SECONDS);
        } finally {
            channel.destroy();
        }
    }

    /** Puts a value into the PV's {@code value} field; the answer's status, with the server's message. */
    Status put(String name, String value) throws Exception {
        Channel channel = connect(name);
        try {
            CompletableFuture<Status> done = new CompletableFuture<>();
            class Requester extends Named implements ChannelPutRequester {
                @Override
                public void channelPutConnect(Status status, ChannelPut put, Structure structure) {
                    if (!status.isSuccess()) {
                        done.complete(status);
                        return;
                    }
                    PVStructure data = PVDataFactory.getPVDataCreate().createPVStructure(structure);
                    PVField field = data.getSubField("value");
                    org.epics.pvdata.factory.ConvertFactory.getConvert().fromString((PVScalar) field, value);
                    BitSet changed = new BitSet(data.getNumberFields());
                    changed.set(field.getFieldOffset());
                    put.put(data, changed);
                }

                @Override
                public void putDone(Status status, ChannelPut put) {
                    done.complete(status);
                }

                @Override
                public void getDone(Status status, ChannelPut put, PVStructure value, BitSet changed) {
                }
            }
            channel.createChannelPut(new Requester(), CreateRequest.create().createRequest("field(value)"));
            return done.get(SECONDS, TimeUnit.SECONDS);
        } finally {
            channel.destroy();
        }
    }

    /** Monitors a PV; each update's {@code value} field arrives, as text, in the queue. */
    AutoCloseable monitor(String name, BlockingQueue<String> values) throws Exception {
        Channel channel = connect(name);
        CompletableFuture<Monitor> started = new CompletableFuture<>();
        class Requester extends Named implements MonitorRequester {
            @Override
            public void monitorConnect(Status status, Monitor monitor, Structure structure) {
                if (status.isSuccess()) {
                    monitor.start();
                    started.complete(monitor);
                } else {
                    started.completeExceptionally(new AssertionError(name + ": " + status.getMessage()));
                }
            }

            @Override
            public void monitorEvent(Monitor monitor) {
                MonitorElement element;
                while ((element = monitor.poll()) != null) {
                    values.add(String.valueOf(element.getPVStructure().getSubField("value")));
                    monitor.release(element);
                }
            }

            @Override
            public void unlisten(Monitor monitor) {
            }
        }
        Monitor monitor = channel.createMonitor(new Requester(), CreateRequest.create().createRequest("field()"));
        started.get(SECONDS, TimeUnit.SECONDS);
        return () -> {
            monitor.destroy();
            channel.destroy();
        };
    }

    static BlockingQueue<String> queue() {
        return new LinkedBlockingQueue<>();
    }

    @Override
    public void close() {
        // the client context is JVM-wide in this library; it stays for other tests and ends with the framework
    }
}
