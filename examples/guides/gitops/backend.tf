# The state holds every managed customer's name, email, mobile and birth
# date: keep it in an encrypted remote backend only the pipeline can read.
# (A file of its own, so that a rehearsal against the simulator, which has
# no terraform init, can leave it out.)
terraform {
  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "dealpos/production.tfstate"
    region       = "ap-southeast-3"
    encrypt      = true
    use_lockfile = true
  }
}
