package dev.nanobanana4j.core.domain;

/** What a request asks for: a new image from text, or an edit of reference images. */
public enum Mode {
  /** No reference images: the image comes from the prompt alone. */
  TEXT_TO_IMAGE,
  /** One or more reference images that the prompt edits or combines. */
  EDIT
}
