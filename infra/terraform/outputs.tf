output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "EKS API endpoint."
  value       = module.eks.cluster_endpoint
}

output "lake_bucket" {
  description = "The lake bucket: SLUICE_S3_BUCKET in the overlays."
  value       = aws_s3_bucket.lake.bucket
}

output "sluice_app_role_arn" {
  description = "IRSA role of the sluice service account (the overlays' eks.amazonaws.com/role-arn)."
  value       = module.app_irsa.iam_role_arn
}

output "msk_bootstrap_brokers_iam" {
  description = "MSK bootstrap brokers for IAM auth, when create_msk is true."
  value       = var.create_msk ? aws_msk_cluster.this[0].bootstrap_brokers_sasl_iam : null
}
