# A GPU inference server on the nvidia runtime with a 1 GiB /dev/shm (PyTorch data loaders
# share tensors through it), and a sidecar with an odd-sized shm.
job "inference" {
  group "inference" {
    network {
      port "http" {
        to = 8000
      }
    }

    service {
      name = "inference"
      port = "http"
    }

    task "server" {
      driver = "docker"

      config {
        image    = "nvcr.io/nvidia/tritonserver:24.05-py3"
        runtime  = "nvidia"
        shm_size = 1073741824
        ports    = ["http"]
        args     = ["tritonserver", "--model-repository=/models"]
      }

      resources {
        cpu    = 2000
        memory = 8192

        device "nvidia/gpu" {
          count = 1
        }
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image    = "nvcr.io/nvidia/k8s/dcgm-exporter:3.3.5-3.4.0-ubuntu22.04"
        shm_size = 100000000
      }

      resources {
        cpu    = 100
        memory = 256
      }
    }
  }
}
