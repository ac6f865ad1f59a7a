package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.micrometer.MicrometerObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The client's meters on Boot's {@code MeterRegistry} and the observation of each wait on Boot's
 * {@code ObservationRegistry}, through nanobanana4j-micrometer, when the application has both.
 *
 * <p>A wait is timed once: by the observer's {@value MicrometerObserver#DURATION} timer. Boot's
 * {@code DefaultMeterObservationHandler} would time the {@value MicrometerObserver#OBSERVATION}
 * observation as a second timer; {@link WaitMeterClaim} takes that observation from it, and only
 * that one, so tracing handlers still see it and every other observation keeps its meters.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass({MicrometerObserver.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class NanoBananaMetricsAutoConfiguration {
  /** The client's observer on Boot's registries. */
  @Bean
  @ConditionalOnMissingBean(ClientObserver.class)
  public MicrometerObserver nanoBananaObserver(
      MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
    return MicrometerObserver.of(
        meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
  }

  /** Takes the wait's observation from Boot's meter handler; see the class comment. */
  @Bean
  @ConditionalOnBean(ObservationRegistry.class)
  @ConditionalOnMissingBean
  public WaitMeterClaim nanoBananaWaitMeterClaim() {
    return new WaitMeterClaim();
  }

  /**
   * A meter handler for the {@value MicrometerObserver#OBSERVATION} observation that records
   * nothing: Boot lets the first meter handler that supports an observation handle it, and this one
   * comes first, so the wait (already timed by {@value MicrometerObserver#DURATION}) gets no second
   * timer and no {@code .active} long task timer.
   */
  public static final class WaitMeterClaim
      implements MeterObservationHandler<Observation.Context>, Ordered {
    @Override
    public boolean supportsContext(Observation.Context context) {
      return MicrometerObserver.OBSERVATION.equals(context.getName());
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }
}
