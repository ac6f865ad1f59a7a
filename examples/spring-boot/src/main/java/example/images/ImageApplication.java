package example.images;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot service that makes images through nanobanana4j's starter. */
@SpringBootApplication
public class ImageApplication {
  public static void main(String[] args) {
    SpringApplication.run(ImageApplication.class, args);
  }
}
