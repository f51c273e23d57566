package io.sqlitekit.d1.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Internal, not API, may change: a response body handler that collects at most {@code max} bytes.
 *
 * <p>Why: a misconfigured endpoint (or a query returning far more rows than expected) must fail with a
 * typed error, not take the heap with it. The exchange is cancelled as soon as the limit is passed.
 */
public final class LimitedBody {
  private LimitedBody() {}

  /** The body was larger than the limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long max) {
      super("response body larger than " + max + " bytes");
    }
  }

  /**
   * A handler collecting the whole body into a byte array, failing past {@code max} bytes.
   *
   * @param max the largest body accepted
   * @return the handler
   */
  public static HttpResponse.BodyHandler<byte[]> handler(long max) {
    return info -> new Subscriber(max);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long count;
    private boolean done;

    Subscriber(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (done) {
        return;
      }
      for (ByteBuffer b : items) {
        count += b.remaining();
        if (count > max) {
          done = true;
          subscription.cancel();
          result.completeExceptionally(new TooLargeException(max));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      done = true;
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      if (!done) {
        done = true;
        result.complete(out.toByteArray());
      }
    }
  }
}
