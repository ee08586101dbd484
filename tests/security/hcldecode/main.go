// hcldecode reads Terraform code the way Terraform does (hashicorp/hcl/v2) and prints, as JSON,
// every string it decodes to and how many interpolations and directives it found. The tests use it
// to prove that hostile strings written by autodeploy come back unchanged and never as expressions.
//
//	hcldecode native FILE      all string literals, object keys, block labels of a .tf file
//	hcldecode templates        stdin: a JSON list of strings, each parsed as a bare template
//	                           (how Terraform JSON reads every string value and object key)
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// part: one piece of a template with interpolations, a literal or an expression's source text
type part struct {
	Literal *string `json:"literal,omitempty"`
	Expr    string  `json:"expr,omitempty"`
}

type decoded struct {
	Literals       []string `json:"literals"`
	Templates      [][]part `json:"templates"`
	Labels         []string `json:"labels"`
	Interpolations int      `json:"interpolations"`
	Errors         []string `json:"errors"`
}

type template struct {
	Literal *string `json:"literal"` // the whole string, when it is all literal
	decoded
}

// literalOf: the value of a template made only of literal parts, and the count of the other parts.
func literalOf(e hclsyntax.Expression) (*string, int) {
	switch t := e.(type) {
	case *hclsyntax.TemplateExpr:
		s, n := "", 0
		for _, p := range t.Parts {
			lit, ok := p.(*hclsyntax.LiteralValueExpr)
			if ok && lit.Val.Type() == cty.String {
				s += lit.Val.AsString()
			} else {
				n++
			}
		}
		if n > 0 {
			return nil, n
		}
		return &s, 0
	case *hclsyntax.TemplateWrapExpr, *hclsyntax.TemplateJoinExpr:
		return nil, 1
	}
	return nil, 0
}

func partsOf(t *hclsyntax.TemplateExpr, src []byte) []part {
	out := []part{}
	for _, p := range t.Parts {
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			s := lit.Val.AsString()
			out = append(out, part{Literal: &s})
		} else {
			out = append(out, part{Expr: string(p.Range().SliceBytes(src))})
		}
	}
	return out
}

func errs(diags hcl.Diagnostics) []string {
	out := []string{}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d.Error())
		}
	}
	return out
}

// collect: every literal string, literal object key and block label under root, the parts of
// every template with interpolations, and the count of interpolations and directives.
func collect(root hclsyntax.Node, src []byte, out *decoded) {
	hclsyntax.VisitAll(root, func(n hclsyntax.Node) hcl.Diagnostics {
		switch t := n.(type) {
		case *hclsyntax.Block:
			out.Labels = append(out.Labels, t.Labels...)
		case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr, *hclsyntax.TemplateJoinExpr:
			lit, k := literalOf(t.(hclsyntax.Expression))
			if lit != nil {
				out.Literals = append(out.Literals, *lit)
			} else if tmpl, ok := t.(*hclsyntax.TemplateExpr); ok {
				out.Templates = append(out.Templates, partsOf(tmpl, src))
			}
			out.Interpolations += k
		case *hclsyntax.ObjectConsKeyExpr:
			if kw := hcl.ExprAsKeyword(t.Wrapped); kw != "" && !t.ForceNonLiteral {
				out.Literals = append(out.Literals, kw)
			}
		}
		return nil
	})
}

func native(path string) decoded {
	src, err := os.ReadFile(path)
	if err != nil {
		return decoded{Errors: []string{err.Error()}}
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	out := decoded{Literals: []string{}, Templates: [][]part{}, Labels: []string{}, Errors: errs(diags)}
	if f == nil {
		return out
	}
	collect(f.Body.(*hclsyntax.Body), src, &out)
	return out
}

func templates() []template {
	var in []string
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([]template, 0, len(in))
	for _, s := range in {
		src := []byte(s)
		e, diags := hclsyntax.ParseTemplate(src, "json-string", hcl.InitialPos)
		t := template{decoded: decoded{Literals: []string{}, Templates: [][]part{}, Labels: []string{},
			Errors: errs(diags)}}
		if e != nil {
			t.Literal, _ = literalOf(e)
			collect(e, src, &t.decoded)
		}
		out = append(out, t)
	}
	return out
}

func main() {
	var v any
	switch {
	case len(os.Args) == 3 && os.Args[1] == "native":
		v = native(os.Args[2])
	case len(os.Args) == 2 && os.Args[1] == "templates":
		v = templates()
	default:
		fmt.Fprintln(os.Stderr, "usage: hcldecode native FILE | hcldecode templates < strings.json")
		os.Exit(2)
	}
	if err := json.NewEncoder(os.Stdout).Encode(v); err != nil {
		os.Exit(2)
	}
}
