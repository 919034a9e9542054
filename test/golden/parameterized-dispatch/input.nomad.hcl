job "thumbnailer" {
  type = "batch"

  parameterized {
    payload       = "optional"
    meta_required = ["SOURCE_URL"]
    meta_optional = ["SIZE", "format", "version"]
  }

  meta {
    SIZE    = "256x256"
    owner   = "media-team"
    version = "0.9.2"
  }

  group "render" {
    count = 2

    restart {
      attempts = 2
    }

    task "render" {
      driver = "docker"

      config {
        image = "example/thumbnailer:${NOMAD_META_version}"
        args  = ["--source", "${NOMAD_META_SOURCE_URL}", "--size", "${NOMAD_META_SIZE}", "--format", "${NOMAD_META_FORMAT}"]
      }

      env {
        OUTPUT_PREFIX = "thumbs/${NOMAD_META_SIZE}"
      }

      dispatch_payload {
        file = "input.json"
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
