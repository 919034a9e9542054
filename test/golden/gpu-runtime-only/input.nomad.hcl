job "transcoder" {
  group "transcoder" {
    task "ffmpeg" {
      driver = "docker"

      config {
        image   = "jrottenberg/ffmpeg:7.1-nvidia"
        runtime = "nvidia"
        args    = ["-hide_banner", "-version"]
      }

      env {
        NVIDIA_VISIBLE_DEVICES = "all"
      }
    }
  }
}
