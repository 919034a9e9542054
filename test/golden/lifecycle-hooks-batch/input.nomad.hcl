# A report run: the main task waits for the marker the poststart task drops in the alloc dir;
# a poststop task uploads the result once everything else has stopped.
job "report" {
  type = "batch"

  group "run" {
    task "render" {
      driver = "docker"

      config {
        image   = "alpine:3.20"
        command = "/bin/sh"
        args    = ["-c", "until [ -f ${NOMAD_ALLOC_DIR}/ready ]; do sleep 1; done; echo done > ${NOMAD_ALLOC_DIR}/out.txt"]
      }
    }

    task "announce" {
      driver = "docker"

      lifecycle {
        hook = "poststart"
      }

      config {
        image   = "alpine:3.20"
        command = "/bin/sh"
        args    = ["-c", "touch ${NOMAD_ALLOC_DIR}/ready"]
      }
    }

    task "upload" {
      driver = "docker"

      lifecycle {
        hook = "poststop"
      }

      config {
        image   = "amazon/aws-cli:2.17.0"
        command = "aws"
        args    = ["s3", "cp", "/alloc/out.txt", "s3://reports/out.txt"]
      }
    }
  }
}
