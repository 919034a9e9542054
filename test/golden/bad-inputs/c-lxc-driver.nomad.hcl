job "legacy" {
  group "g" {
    task "t" {
      driver = "lxc"
      config {
        template = "/usr/share/lxc/templates/lxc-busybox"
      }
    }
  }
}
