import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * Starts mongo-java-server (a MongoDB wire-protocol server) on 127.0.0.1.
 * Usage: EmbeddedMongo <port|0> [h2-file]   — no file: in-memory backend (tests).
 * Prints "LISTENING <port>" once bound, then runs until stdin closes or the process is killed,
 * so a parent that dies takes the database with it.
 */
public final class EmbeddedMongo {
  /**
   * The H2 file backend commits its MVStore in the background (about once a second), so a write would be
   * acknowledged before it reaches the file and a killed process would lose it (scripts/faults.ts found this).
   * Committing before each answer makes every acknowledged write survive a SIGKILL of the database.
   */
  static final class DurableH2Backend extends H2Backend {
    DurableH2Backend(String file) {
      super(file);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
      Document answer = super.handleMessage(message);
      commit();
      return answer;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      Document answer = super.handleCommand(channel, database, command, query);
      commit();
      return answer;
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    MongoBackend backend = args.length > 1 ? new DurableH2Backend(args[1]) : new MemoryBackend();
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    InetSocketAddress addr = server.getLocalAddress();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    System.out.println("LISTENING " + addr.getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // drain; EOF means the parent is gone
    }
    server.shutdown();
    System.exit(0);
  }
}
